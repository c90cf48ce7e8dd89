"""The JIT checklist: each rule met and missed, and a checklist file's mistakes named."""

import pytest

from crossborder.workshops.jit import schema
from crossborder.workshops.jit.checklist import (
    MET,
    MISSING,
    NOT_APPLICABLE,
    check,
    summary,
    validate_checklist,
)
from tests.workshops.test_jit_pages import jit_checklist

TEXT = {"en": "An item", "fr": "Un point", "de": "Ein Punkt"}


def item(rule, section="purpose", **params):
    return {"key": f"k-{rule}"[:40], "section": section, "text": TEXT, "rule": rule, **params}


def status(content, it):
    (result,) = check(content, [it])
    return result.status, result.detail


def test_the_jit_checklist_file_is_valid_and_covers_the_issue_examples():
    items = jit_checklist()
    assert validate_checklist(items) == []
    rules = {i["rule"] for i in items}
    assert {
        "each_operating_state_has_leader",
        "third_state_needs_legal_basis",
        "has_evaluation_clause",
        "has_funding_line",
        "period_has_extension_rule",
        "each_party_signs",
    } <= rules
    fields = {i.get("field") for i in items}
    assert {
        "confidentiality.data_protection",
        "evidence.gathering",
        "evidence.admissibility",
    } <= fields
    for i in items:  # every item in three languages
        assert all(i["text"][lang].strip() for lang in ("en", "fr", "de"))


def test_an_empty_draft_misses_everything_but_the_third_state_item():
    results = check({}, jit_checklist())
    by_key = {r.key: r.status for r in results}
    assert by_key.pop("third-state-legal-basis") == NOT_APPLICABLE
    assert set(by_key.values()) == {MISSING}
    assert summary(results) == {
        "met": 0,
        "missing": len(results) - 1,
        "applicable": len(results) - 1,
    }


def test_required_is_met_by_a_filled_field_only():
    it = item("required", "evidence", field="evidence.admissibility")
    assert status({"evidence": {"admissibility": "   "}}, it)[0] == MISSING
    assert status({"evidence": {"admissibility": "Recorded interviews"}}, it)[0] == MET


def test_min_rows_counts_rows():
    it = item("min_rows", "parties", min=2)
    one = {"parties": {"rows": [{"state": "State A", "authority": "PPS"}]}}
    assert status(one, it) == (MISSING, "1 of at least 2 filled in.")
    one["parties"]["rows"].append({"state": "State B", "authority": "PPS"})
    assert status(one, it)[0] == MET


def test_rows_complete_names_the_empty_cells():
    it = item("rows_complete", "plan_actions", columns=["action", "owner", "deadline"])
    assert status({}, it) == (MISSING, "No row yet.")
    content = {"plan_actions": {"rows": [{"action": "Searches", "owner": "", "deadline": ""}]}}
    st, detail = status(content, it)
    assert st == MISSING and "row 1: Owner, Deadline" in detail
    content["plan_actions"]["rows"][0].update(owner="Insp. Novak", deadline="2026-09-01")
    assert status(content, it)[0] == MET


def test_each_operating_state_needs_a_named_leader():
    it = item("each_operating_state_has_leader", "leaders")
    content = {
        "states": {"rows": [{"state": "State A"}, {"state": "State B"}, {"state": "State C"}]},
        "leaders": {
            "rows": [
                {"state": "state a", "name": "Marta Kovač"},  # case and spaces do not matter
                {"state": "State B", "name": ""},  # a leader without a name is no leader
            ]
        },
    }
    assert status(content, it) == (MISSING, "No leader for: State B, State C.")
    content["leaders"]["rows"][1]["name"] = "Luc Meunier"
    content["leaders"]["rows"].append({"state": "State C ", "name": "Sofia Reis"})
    assert status(content, it)[0] == MET
    assert status({}, it)[0] == MISSING  # no operating State at all


def test_a_third_state_needs_its_legal_basis():
    it = item("third_state_needs_legal_basis", "participants")
    eurojust = {"body": "eurojust", "role": "coordination"}
    assert status({"participants": {"rows": [eurojust]}}, it)[0] == NOT_APPLICABLE
    third = {"body": "third_state", "name": "Country E", "role": "accounts", "legal_basis": ""}
    content = {"participants": {"rows": [eurojust, third]}}
    assert status(content, it) == (MISSING, "No legal basis noted for: Country E.")
    third["legal_basis"] = "Art. 19 UNTOC"
    assert status(content, it)[0] == MET


def test_the_period_needs_start_end_and_an_extension_rule():
    it = item("period_has_extension_rule", "period")
    content = {"period": {"start": "2026-05-01", "end": "2027-04-30"}}
    assert status(content, it) == (MISSING, "Missing: extension rule.")
    content["period"]["extension"] = "By written agreement of the parties."
    assert status(content, it)[0] == MET
    content["period"]["end"] = "2026-01-01"
    assert status(content, it) == (MISSING, "The period ends before it starts.")


def test_evaluation_clause_and_funding_line():
    evaluation = item("has_evaluation_clause", "evaluation")
    funding = item("has_funding_line", "costs")
    assert status({}, evaluation)[0] == MISSING
    assert status({"evaluation": {"evaluation": "JIT evaluation form"}}, evaluation)[0] == MET
    assert status({"costs": {"costs": "Own costs"}}, funding)[0] == MISSING
    assert status({"costs": {"funding": "Eurojust JIT funding via the portal"}}, funding)[0] == MET


def test_every_party_signs_with_place_and_date():
    it = item("each_party_signs", "signatures")
    content = {
        "parties": {"rows": [{"state": "State A"}, {"state": "State B"}]},
        "signatures": {
            "place": "The Hague",
            "date": "",
            "rows": [{"state": "State A", "name": "M. Kovač"}],
        },
    }
    assert status(content, it) == (MISSING, "Missing: date; a signatory for State B.")
    content["signatures"]["date"] = "2026-05-01"
    content["signatures"]["rows"].append({"state": "State B", "name": "L. Meunier"})
    assert status(content, it)[0] == MET


def test_results_are_in_the_visitors_language(settings):
    from django.utils import translation

    with translation.override("de"):
        (result,) = check({}, [item("has_evaluation_clause", "evaluation")])
    assert result.text == "Ein Punkt"


def test_malformed_content_counts_as_empty_instead_of_failing():
    content = {"leaders": "not a dict", "states": {"rows": ["x", {"state": 3}]}, "period": []}
    results = check(content, jit_checklist())
    assert all(r.status in (MISSING, NOT_APPLICABLE) for r in results)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("not a list", "The checklist must be a list of items."),
        ([3], "Checklist item 1: not a mapping of key, section, text and rule."),
        ([item("required", field="purpose.description") | {"key": "Bad Key"}], "the key must be"),
        ([item("has_funding_line", "nowhere")], "unknown section “nowhere”"),
        (
            [item("has_funding_line", "costs") | {"text": {"en": "x", "fr": "y"}}],
            "text needs en, fr and de",
        ),
        ([item("is_nice", "costs")], "unknown rule “is_nice”"),
        ([item("required", "costs")], "the rule required needs “field”"),
        ([item("required", "costs", field="costs.nothing")], "“costs.nothing” is not a field"),
        ([item("has_funding_line", "costs", field="costs.funding")], "takes no “field”"),
        ([item("min_rows", "purpose")], "the section “purpose” has no rows"),
        ([item("min_rows", "parties", min=0)], "min must be a whole number from 1 to 30"),
        (
            [item("rows_complete", "leaders", columns=["state", "shoe_size"])],
            "columns must list columns of leaders",
        ),
        (
            [item("has_funding_line", "costs"), item("has_funding_line", "costs")],
            "the key is used twice",
        ),
    ],
)
def test_validate_checklist_names_each_mistake(items, message):
    errors = validate_checklist(items)
    assert any(message in e for e in errors), errors


def test_every_section_is_in_the_schema_once():
    keys = [s.key for s in schema.SECTIONS]
    assert len(keys) == len(set(keys)) == 16
    assert {s.part for s in schema.SECTIONS} == {"agreement", "plan"}
