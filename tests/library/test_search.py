"""Search: ranking, citations, snippets, facets, bad input — the same on SQLite and PostgreSQL."""

import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossborder.library import search
from crossborder.library.models import Entry

pytestmark = pytest.mark.django_db
ALL = frozenset({"public", "registered", "restricted"})
GOLDEN = Path(__file__).with_name("golden_search.json")

# Twenty fixed queries whose top five must be the same on both databases (the suite runs on
# SQLite and on PostgreSQL; both compare with the same file). Regenerate after a content change:
# UPDATE_LIBRARY_GOLDEN=1 pytest tests/library/test_search.py -k same_top
FIXED_QUERIES = [
    "2011/36", "C-670/22", "60561/14", "joint investigation team", "European Investigation Order",
    "non-punishment", "forced labour indicators", "asset recovery confiscation",
    "victim compensation", "Eurojust funding", "online recruitment social media",
    "crypto payments", "domestic servitude", "labour inspection", "child guardian",
    "money laundering predicate offence", "production order service provider",
    "reflection period", "knowing use of services", "Rantsev",
]  # fmt: skip


def top(q, levels=ALL, n=5, **filters):
    return [
        h.entry.slug for h in search.search(q=q, levels=levels, filters=filters, per_page=n).hits
    ]


def test_the_same_query_gives_the_same_top_results_on_both_databases(library):
    found = {q: top(q) for q in FIXED_QUERIES}
    if os.environ.get("UPDATE_LIBRARY_GOLDEN"):
        GOLDEN.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for q in FIXED_QUERIES:
        assert found[q], f"{q!r} found nothing on {connection.vendor}"
        assert found[q] == expected[q], f"{q!r} on {connection.vendor}"


@pytest.mark.parametrize(
    ("q", "slug"),
    [
        ("2011/36", "directive-2011-36-eu"),
        ("Directive 2011/36/EU", "directive-2011-36-eu"),
        ("2024/1712", "directive-2024-1712"),
        ("C-670/22", "cjeu-c-670-22-mn-encrochat"),
        ("C\u2011670/22", "cjeu-c-670-22-mn-encrochat"),
        ("c 670/22", "cjeu-c-670-22-mn-encrochat"),
        ("60561/14", "sm-v-croatia"),
        ("32011L0036", "directive-2011-36-eu"),
        ("2002/465/JHA", "framework-decision-2002-465-jit"),
    ],
)
def test_a_citation_finds_its_entry_first(library, q, slug):
    results = search.search(q=q, levels=ALL)
    assert results.hits[0].entry.slug == slug
    assert results.hits[0].cited


def test_words_in_the_title_rank_first_and_are_highlighted(library):
    results = search.search(q="joint investigation teams", levels=ALL)
    assert results.hits[0].entry.slug == "joint-investigation-teams"
    assert "<mark>Joint</mark>" in results.hits[0].title_html
    assert "<mark>" in results.hits[0].snippet_html


def test_the_snippet_is_escaped_text_around_the_words(library):
    entry = Entry.objects.get(slug="sm-v-croatia")
    entry.body += "\n\nA line with <script>alert(1)</script> and the word Facebook."
    entry.save()
    hit = next(
        h for h in search.search(q="facebook", levels=ALL).hits if h.entry.slug == "sm-v-croatia"
    )
    assert "<script>" not in hit.snippet_html
    assert "<mark>" in hit.snippet_html


def test_a_word_stem_matches_its_other_forms(library):
    assert top("trafficked victims", n=50) and set(top("trafficked victims", n=50)) == set(
        top("trafficking victim", n=50)
    )


def test_prefix_of_the_last_word_matches_while_typing(library):
    assert "joint-investigation-teams" in top("joint investigat", n=10)


def test_no_entry_with_every_word_falls_back_to_any_word(library):
    results = search.search(q="servitude zebrafishology", levels=ALL)
    assert results.any_term and results.total > 0


def test_facets_count_the_results_and_filters_narrow_them(library):
    results = search.search(q="investigation", levels=ALL)
    kinds = results.facets["kind"]
    assert sum(kinds.values()) == results.total
    cases = search.search(q="investigation", levels=ALL, filters={"kind": "case"})
    assert cases.total == kinds["case"]
    assert all(h.entry.kind == "case" for h in cases.hits)
    labour = search.search(q="investigation", levels=ALL, filters={"form": "L"})
    assert labour.total == results.facets["form"]["L"]
    for h in labour.hits:
        assert h.entry.tags.filter(code="L").exists()


def test_country_and_profession_facets_filter(library):
    practices = search.search(q="", levels=ALL, filters={"kind": "practice"})
    country, count = next(iter(practices.facets["country"].items()))
    narrowed = search.search(q="", levels=ALL, filters={"kind": "practice", "country": country})
    assert narrowed.total == count and all(country in h.entry.countries for h in narrowed.hits)
    judges = search.search(q="", levels=ALL, filters={"profession": "labour_inspector"})
    assert judges.total and all("labour_inspector" in h.entry.professions for h in judges.hits)


def test_an_empty_query_lists_everything_by_kind(library):
    results = search.search(q="", levels=ALL, per_page=200)
    assert results.total == Entry.objects.count()
    order = [search.KIND_ORDER[h.entry.kind] for h in results.hits]
    assert order == sorted(order) and len(set(order)) == 6


NASTY = [
    '"', '""', '"unbalanced', "*", "**", "trafficking*", "NEAR", "NEAR(a b)", "a NEAR b",
    "AND", "OR NOT", "(", ")", "title:", "title : jit", "'; DROP TABLE library_entry; --",
    "1' OR '1'='1", "\\", "%", "_", "^", "{}", "<script>alert(1)</script>", "a" * 5000,
    "jit " * 300, "\x00", "💥", "Übereinkommen ‑ «guillemets»", "   ", "-", "--", "C-", "/",
    "2011/", ":*", "!", "&", "|", "<->",
]  # fmt: skip


def test_query_syntax_and_oversize_input_never_error(library, client):
    for q in NASTY:
        search.search(q=q, levels=ALL)
        response = client.get("/library/", {"q": q})
        assert response.status_code == 200, q
        api = client.get("/api/v1/library/search", {"q": q})
        assert api.status_code == 200, q
    assert Entry.objects.filter(slug="directive-2011-36-eu").exists()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=300))
def test_any_text_is_a_valid_query(library, q):
    results = search.search(q=q, levels=ALL)
    assert results.total >= len(results.hits)


def test_unknown_filters_are_named_and_ignored_on_the_page(library, client):
    response = client.get("/library/", {"q": "eurojust", "kind": "novel", "country": "XX"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "“novel” is not a known value for kind" in text
    assert "“XX” is not a known value for country" in text


def test_page_numbers_out_of_range_do_not_break(library, client):
    for page in ["0", "-3", "abc", "99999999999", "2"]:
        assert client.get("/library/", {"q": "directive", "page": page}).status_code == 200


def test_the_search_page_uses_a_fixed_number_of_queries(
    library, client, django_assert_max_num_queries
):
    from tests.library.conftest import make_entry

    client.get("/library/", {"q": "investigation"})  # the process reads the catalogue once
    connection.queries_log.clear()  # a full log (9,000 from loading the content) captures nothing
    with CaptureQueriesContext(connection) as few:
        client.get("/library/", {"q": "investigation"})
    queries = len(few)
    assert 0 < queries <= 6
    for i in range(60):
        make_entry(f"bulk-investigation-{i}", body="investigation of trafficking cases " * 30)
    client.get("/library/", {"q": "investigation"})  # …and again after a change
    with django_assert_max_num_queries(queries):
        response = client.get("/library/", {"q": "investigation"})
    assert "bulk-investigation-" in response.content.decode()
