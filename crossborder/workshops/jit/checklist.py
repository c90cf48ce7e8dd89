"""The checklist a JIT draft is checked against: a small vocabulary of rules, written as data.

An exercise's checklist.yaml is a list of items such as

    - key: leader-per-state
      section: leaders
      text: {en: "…", fr: "…", de: "…"}
      rule: each_operating_state_has_leader

`validate_checklist(items)` lists what is wrong with such a list (for the loader);
`check(content, checklist)` says for each item whether a draft meets it. The rules:

| rule | parameters | met when |
|---|---|---|
| required | field: section.field | the field is filled in |
| min_rows | min (default 1) | the section has at least `min` rows |
| rows_complete | columns | there is a row, and every row has these columns filled |
| each_operating_state_has_leader | – | every State in which the team operates has a named leader |
| each_party_signs | – | place and date are given, and every party has a signatory |
| third_state_needs_legal_basis | – | every third State taking part has its legal basis noted |
|   | | (not applicable when no third State takes part) |
| period_has_extension_rule | – | start, end (not before the start) and extension rule given |
| has_evaluation_clause | – | the evaluation clause is written |
| has_funding_line | – | the application for EU (Eurojust) JIT funding is planned |
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from crossborder.translated import in_language

from . import schema

MET, MISSING, NOT_APPLICABLE = "met", "missing", "not_applicable"
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LANGUAGES = ("en", "fr", "de")

# rule -> (required parameters, optional parameters)
RULES = {
    "required": ({"field"}, set()),
    "min_rows": (set(), {"min"}),  # of the item's section
    "rows_complete": ({"columns"}, set()),  # of the item's section
    "each_operating_state_has_leader": (set(), set()),
    "each_party_signs": (set(), set()),
    "third_state_needs_legal_basis": (set(), set()),
    "period_has_extension_rule": (set(), set()),
    "has_evaluation_clause": (set(), set()),
    "has_funding_line": (set(), set()),
}
ITEM_KEYS = {"key", "section", "text", "rule"}


@dataclass(frozen=True)
class Result:
    key: str
    section: str
    text: str
    status: str
    detail: str = ""

    @property
    def met(self) -> bool:
        return self.status == MET

    @property
    def missing(self) -> bool:
        return self.status == MISSING

    @property
    def section_title(self) -> str:
        s = schema.section(self.section)
        return str(s.title) if s else self.section


def validate_checklist(items) -> list[str]:
    """What is wrong with a checklist (an empty list when nothing is), item by item."""
    if not isinstance(items, list):
        return [_("The checklist must be a list of items.")]
    errors, seen = [], set()
    for n, item in enumerate(items, start=1):
        where = _("Checklist item %(n)s") % {"n": n}
        if not isinstance(item, dict):
            errors.append(
                _("%(where)s: not a mapping of key, section, text and rule.") % {"where": where}
            )
            continue
        key = item.get("key")
        if not isinstance(key, str) or not KEY.match(key):
            errors.append(
                _("%(where)s: the key must be lower-case letters, digits, - or _ (at most 40).")
                % {"where": where}
            )
        else:
            where = _("Checklist item “%(key)s”") % {"key": key}
            if key in seen:
                errors.append(_("%(where)s: the key is used twice.") % {"where": where})
            seen.add(key)
        section = item.get("section")
        if not isinstance(section, str) or schema.section(section) is None:
            errors.append(
                _("%(where)s: unknown section “%(section)s” (one of: %(known)s).")
                % {
                    "where": where,
                    "section": item.get("section"),
                    "known": ", ".join(schema.BY_KEY),
                }
            )
        text = item.get("text")
        if not isinstance(text, dict) or any(
            not isinstance(text.get(lang), str) or not text[lang].strip() for lang in LANGUAGES
        ):
            errors.append(_("%(where)s: text needs en, fr and de.") % {"where": where})
        rule = item.get("rule")
        if not isinstance(rule, str) or rule not in RULES:
            errors.append(
                _("%(where)s: unknown rule “%(rule)s” (one of: %(known)s).")
                % {"where": where, "rule": rule, "known": ", ".join(RULES)}
            )
            continue
        required, optional = RULES[rule]
        params = set(item) - ITEM_KEYS
        for name in sorted(required - params):
            errors.append(
                _("%(where)s: the rule %(rule)s needs “%(param)s”.")
                % {"where": where, "rule": rule, "param": name}
            )
        for name in sorted(params - required - optional, key=str):
            errors.append(
                _("%(where)s: the rule %(rule)s takes no “%(param)s”.")
                % {"where": where, "rule": rule, "param": name}
            )
        errors += _parameter_errors(where, rule, item)
    return errors


def _parameter_errors(where, rule, item) -> list[str]:
    errors = []
    if rule == "required" and "field" in item:
        section_key, _dot, field_key = str(item["field"]).partition(".")
        s = schema.section(section_key)
        if s is None or s.field(field_key) is None:
            errors.append(
                _(
                    "%(where)s: “%(field)s” is not a field (write section.field, e.g. "
                    "evidence.admissibility)."
                )
                % {"where": where, "field": item["field"]}
            )
    if rule in ("min_rows", "rows_complete") and isinstance(item.get("section"), str):
        s = schema.section(item["section"])
        if s is not None and s.rows is None:
            errors.append(
                _("%(where)s: the section “%(section)s” has no rows.")
                % {"where": where, "section": item["section"]}
            )
        elif s is not None and rule == "rows_complete":
            columns = item.get("columns")
            if (
                not isinstance(columns, list)
                or not columns
                or any(s.rows.column(str(c)) is None for c in columns)
            ):
                errors.append(
                    _("%(where)s: columns must list columns of %(section)s (%(known)s).")
                    % {
                        "where": where,
                        "section": item["section"],
                        "known": ", ".join(c.key for c in s.rows.columns),
                    }
                )
    if rule == "min_rows" and "min" in item:
        m = item["min"]
        if not isinstance(m, int) or isinstance(m, bool) or not 1 <= m <= schema.MAX_ROWS:
            errors.append(
                _("%(where)s: min must be a whole number from 1 to %(max)s.")
                % {"where": where, "max": schema.MAX_ROWS}
            )
    return errors


def check(content: dict, checklist: list) -> list[Result]:
    """Each checklist item with whether the draft's content meets it, and what is missing."""
    results = []
    for item in checklist or []:
        rule = RULE_CHECKS.get(item.get("rule")) if isinstance(item, dict) else None
        if rule is None:  # the loader refuses such a checklist; never fail a page over it
            continue
        status, detail = rule(content or {}, item)
        text = item.get("text") or {}
        results.append(
            Result(
                key=item["key"],
                section=item["section"],
                text=in_language(text.get("en", ""), text.get("fr", ""), text.get("de", "")),
                status=status,
                detail=detail,
            )
        )
    return results


def summary(results: list[Result]) -> dict:
    """Counts of a draft's results: met, missing, applicable (met + missing)."""
    met = sum(r.met for r in results)
    missing = sum(r.missing for r in results)
    return {"met": met, "missing": missing, "applicable": met + missing}


# --- the rules ---------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _filled(row: dict, key: str) -> bool:
    v = row.get(key, "")
    return isinstance(v, str) and bool(v.strip())


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _required(content, item):
    section_key, _dot, field_key = item["field"].partition(".")
    return (MET, "") if schema.value(content, section_key, field_key) else (MISSING, "")


def _min_rows(content, item):
    wanted = item.get("min", 1)
    have = len(schema.rows(content, item["section"]))
    if have >= wanted:
        return MET, ""
    return MISSING, _("%(have)s of at least %(wanted)s filled in.") % {
        "have": have,
        "wanted": wanted,
    }


def _rows_complete(content, item):
    found = schema.rows(content, item["section"])
    if not found:
        return MISSING, _("No row yet.")
    s = schema.section(item["section"])
    gaps = []
    for n, row in enumerate(found, start=1):
        empty = [str(s.rows.column(c).label) for c in item["columns"] if not _filled(row, c)]
        if empty:
            gaps.append(_("row %(n)s: %(columns)s") % {"n": n, "columns": ", ".join(empty)})
    if gaps:
        return MISSING, _("Not filled in: %(gaps)s.") % {"gaps": "; ".join(gaps)}
    return MET, ""


def _each_operating_state_has_leader(content, item):
    states = [r["state"].strip() for r in schema.rows(content, "states") if _filled(r, "state")]
    if not states:
        return MISSING, _("No State in which the team operates is listed yet.")
    led = {
        _norm(r["state"])
        for r in schema.rows(content, "leaders")
        if _filled(r, "state") and _filled(r, "name")
    }
    without = [s for s in dict.fromkeys(states) if _norm(s) not in led]
    if without:
        return MISSING, _("No leader for: %(states)s.") % {"states": ", ".join(without)}
    return MET, ""


def _each_party_signs(content, item):
    gaps = []
    if not schema.value(content, "signatures", "place"):
        gaps.append(str(_("place")))
    if not schema.value(content, "signatures", "date"):
        gaps.append(str(_("date")))
    parties = [r["state"].strip() for r in schema.rows(content, "parties") if _filled(r, "state")]
    signed = {
        _norm(r["state"])
        for r in schema.rows(content, "signatures")
        if _filled(r, "state") and _filled(r, "name")
    }
    if not parties:
        gaps.append(str(_("the parties")))
    unsigned = [p for p in dict.fromkeys(parties) if _norm(p) not in signed]
    if unsigned:
        gaps.append(_("a signatory for %(states)s") % {"states": ", ".join(unsigned)})
    if gaps:
        return MISSING, _("Missing: %(gaps)s.") % {"gaps": "; ".join(gaps)}
    return MET, ""


def _third_state_needs_legal_basis(content, item):
    third = [r for r in schema.rows(content, "participants") if r.get("body") == "third_state"]
    if not third:
        return NOT_APPLICABLE, _("No third State takes part.")
    without = [
        (r.get("name") or "").strip() or _("row %(n)s") % {"n": n}
        for n, r in enumerate(third, start=1)
        if not _filled(r, "legal_basis")
    ]
    if without:
        return MISSING, _("No legal basis noted for: %(states)s.") % {"states": ", ".join(without)}
    return MET, ""


def _period_has_extension_rule(content, item):
    start = schema.value(content, "period", "start")
    end = schema.value(content, "period", "end")
    gaps = [str(label) for label, v in ((_("start"), start), (_("end"), end)) if not v]
    if not schema.value(content, "period", "extension"):
        gaps.append(str(_("extension rule")))
    if gaps:
        return MISSING, _("Missing: %(gaps)s.") % {"gaps": ", ".join(gaps)}
    if _date(start) and _date(end) and _date(end) < _date(start):
        return MISSING, _("The period ends before it starts.")
    return MET, ""


def _has_evaluation_clause(content, item):
    if schema.value(content, "evaluation", "evaluation"):
        return MET, ""
    return MISSING, _("No evaluation clause.")


def _has_funding_line(content, item):
    if schema.value(content, "costs", "funding"):
        return MET, ""
    return MISSING, _("No line on applying for EU (Eurojust) JIT funding.")


RULE_CHECKS = {
    "required": _required,
    "min_rows": _min_rows,
    "rows_complete": _rows_complete,
    "each_operating_state_has_leader": _each_operating_state_has_leader,
    "each_party_signs": _each_party_signs,
    "third_state_needs_legal_basis": _third_state_needs_legal_basis,
    "period_has_extension_rule": _period_has_extension_rule,
    "has_evaluation_clause": _has_evaluation_clause,
    "has_funding_line": _has_funding_line,
}
