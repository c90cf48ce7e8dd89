"""Fail when an interface string has no French or German translation.

Extracts the strings of the code as it is now (Django's makemessages, in a temporary copy), then
checks that the committed catalogues contain each of them, translated and not fuzzy, and that
the compiled .mo files hold exactly what the .po files say.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["fr", "de"]
ENTRY = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')


def parse_po(path: Path) -> dict[tuple[str, str], dict]:
    """A small .po reader: {(context, msgid): {"strs": [...], "fuzzy": bool}}."""
    entries, current, key, fuzzy = {}, {}, None, False

    def flush():
        nonlocal current, fuzzy
        if "msgid" in current:
            strs = [v for k, v in sorted(current.items()) if k.startswith("msgstr")]
            entries[(current.get("msgctxt", ""), current["msgid"])] = {
                "strs": strs,
                "fuzzy": fuzzy,
                "plural": current.get("msgid_plural"),
            }
        current, fuzzy = {}, False

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if line.startswith("#"):
            continue
        m = ENTRY.match(line)
        if m:
            key = m.group(1)
            if key == "msgid" and "msgid" in current:
                flush()
            current[key] = m.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
    flush()
    entries.pop(("", ""), None)  # the header
    return entries


def unescape(s: str) -> str:
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape")


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "project"
        shutil.copytree(
            ROOT / "crossborder",
            work / "crossborder",
            ignore=shutil.ignore_patterns("static", "__pycache__", "locale"),
        )
        shutil.copy(ROOT / "manage.py", work)
        env = {**os.environ, "DEBUG": "1", "PYTHONPATH": str(work)}
        cmd = [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete"]
        (work / "crossborder" / "locale").mkdir()
        for lang in LANGS:
            subprocess.run([*cmd, "-l", lang], cwd=work, env=env, check=True, capture_output=True)
        for lang in LANGS:
            fresh = parse_po(work / "crossborder/locale" / lang / "LC_MESSAGES/django.po")
            po_path = ROOT / "crossborder/locale" / lang / "LC_MESSAGES/django.po"
            if not po_path.exists():
                problems.append(f"{lang}: {po_path.relative_to(ROOT)} is missing")
                continue
            ours = parse_po(po_path)
            for key in fresh:
                entry = ours.get(key)
                if entry is None:
                    problems.append(f"{lang}: not in the catalogue: {key[1]!r}")
                elif entry["fuzzy"] or not all(entry["strs"]):
                    problems.append(f"{lang}: not translated: {key[1]!r}")
            mo = gettext.GNUTranslations(open(po_path.with_suffix(".mo"), "rb"))  # noqa: SIM115
            for (ctx, msgid), entry in ours.items():
                if entry["fuzzy"] or entry["plural"]:
                    continue
                lookup = f"{unescape(ctx)}\x04{unescape(msgid)}" if ctx else unescape(msgid)
                if mo._catalog.get(lookup) != unescape(entry["strs"][0]):
                    problems.append(f"{lang}: django.mo is out of date (run `make messages`)")
                    break
    for p in problems:
        print(p)
    if problems:
        print(f"check_translations: {len(problems)} problem(s)")
        return 1
    print(f"check_translations: {', '.join(LANGS)} complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
