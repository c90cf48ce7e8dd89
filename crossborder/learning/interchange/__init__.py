"""Question banks in and out: Moodle XML (all seven types, moodle_xml.py) and GIFT (all but
ordering, which GIFT cannot express; gift.py).

A question is exchanged as a plain dict: {key, kind, category, text, data, explanation, source}.
Moodle has no "source" field: it travels as the last paragraph of the general feedback,
"Source: …", which is how trainers see it in Moodle too.
"""

from .common import MAX_BYTES, SOURCE_PREFIX, InterchangeError
from .gift import export_gift, parse_gift
from .moodle_xml import export_moodle_xml, parse_moodle_xml

__all__ = [
    "MAX_BYTES",
    "SOURCE_PREFIX",
    "InterchangeError",
    "export_gift",
    "export_moodle_xml",
    "parse_gift",
    "parse_moodle_xml",
]
