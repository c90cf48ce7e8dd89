"""Question banks in and out: Moodle XML (moodle_xml.py reads, moodle_export.py writes) and GIFT
(gift.py, gift_export.py). The exchanged dict is described in common.py.
Moodle has no "source" field: it travels as the last paragraph of the general feedback,
"Source: …", which is how trainers see it in Moodle too.
"""

from .common import MAX_BYTES, MAX_MB, SOURCE_PREFIX, InterchangeError
from .gift import parse_gift
from .gift_export import export_gift
from .moodle_export import export_moodle_xml
from .moodle_xml import parse_moodle_xml

__all__ = [
    "MAX_BYTES",
    "MAX_MB",
    "SOURCE_PREFIX",
    "InterchangeError",
    "export_gift",
    "export_moodle_xml",
    "parse_gift",
    "parse_moodle_xml",
]
