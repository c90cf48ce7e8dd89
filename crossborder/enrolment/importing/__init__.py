"""Bulk import of applicants from the spreadsheets institutions send (CSV or XLSX).

reading: the file into numbered rows of cells (encodings, separators, XLSX safety);
normalise: what a cell means (countries, professions, yes/no, gender; wording in
vocabulary.yaml); preview: every row as it would be stored, with errors, warnings and
duplicates; storing: the confirmed rows, with the organiser's choices.

Nothing is written until the manager confirms the preview. Re-importing the same file adds
nothing twice: people are matched by email and name, applications by person and call.
"""

from .preview import Row, parse
from .reading import ImportFileError
from .storing import import_rows

__all__ = ["ImportFileError", "Row", "import_rows", "parse"]
