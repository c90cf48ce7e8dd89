"""Reading the files of an exercise folder: YAML that remembers the line of every key, Markdown
with a YAML front matter, and problems that name the file and the line."""

import hashlib
from pathlib import Path

import yaml

# --- YAML that remembers the line of every key -------------------------------------------------


class LineMap(dict):
    """A mapping read from YAML, with the line it starts on and the line of each key."""

    line: int = 0
    lines: dict


class _LineLoader(yaml.SafeLoader):
    pass


def _mapping(loader, node):
    value = LineMap(loader.construct_mapping(node, deep=True))
    value.line = node.start_mark.line + 1
    value.lines = {
        k.value: k.start_mark.line + 1 for k, _v in node.value if isinstance(k, yaml.ScalarNode)
    }
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def parse_yaml(text: str, *, first_line: int = 1):
    """The YAML document; mappings are LineMaps counting lines from `first_line`."""
    try:
        value = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except (ValueError, RecursionError) as error:  # a date such as 2024-02-30; deep nesting
        raise yaml.YAMLError(str(error)) from error
    if first_line != 1:
        _shift(value, first_line - 1)
    return value


def _shift(value, by: int) -> None:
    if isinstance(value, LineMap):
        value.line += by
        value.lines = {k: n + by for k, n in value.lines.items()}
    if isinstance(value, dict):
        for v in value.values():
            _shift(v, by)
    elif isinstance(value, list):
        for v in value:
            _shift(v, by)


def plain(value):
    """LineMaps back to plain dicts (for JSON fields), dates as ISO strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def line_of(mapping, key: str | None = None) -> int:
    if not isinstance(mapping, LineMap):
        return 0
    return mapping.lines.get(key, mapping.line) if key else mapping.line


class Problems(list):
    """The problems of one folder, each prefixed with the file (relative to the content root)
    and line."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root

    def add(self, path: Path, line: int, text: str) -> None:
        where = str(path.relative_to(self.root))
        self.append(f"{where}, line {line}: {text}" if line else f"{where}: {text}")


def digest_of(folder: Path) -> str:
    """The content hash of a folder: every file's name and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read(path: Path, problems: Problems) -> str | None:
    """The file's text, or None (and a problem) when it is not text PostgreSQL can store."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.add(path, 0, "the file is not UTF-8 text")
        return None
    if "\x00" in text:
        problems.add(path, 0, "the file contains a NUL character: it is not a text file")
        return None
    return text


def read_yaml(path: Path, problems: Problems):
    text = _read(path, problems)
    if text is None:
        return None
    try:
        return parse_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problems.add(path, mark.line + 1 if mark else 0, f"not valid YAML ({reason})")
    return None


def read_front_matter(path: Path, problems: Problems) -> tuple[dict | None, str]:
    """(front matter, body) of a Markdown file that starts with a YAML block between '---'."""
    text = _read(path, problems)
    if text is None:
        return None, ""
    if not text.startswith("---\n"):
        problems.add(path, 1, "the file must start with a '---' line (YAML front matter)")
        return None, ""
    front, sep, body = text[4:].partition("\n---\n")
    if not sep:
        problems.add(path, 1, "the front matter has no closing '---' line")
        return None, ""
    try:
        meta = parse_yaml(front, first_line=2)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problems.add(path, mark.line + 2 if mark else 1, f"not valid YAML ({reason})")
        return None, ""
    if not isinstance(meta, dict):
        problems.add(path, 2, "the front matter must be a mapping of names to values")
        return None, ""
    return meta, body.strip()


def read_text(path: Path, problems: Problems) -> str:
    return (_read(path, problems) or "").strip()
