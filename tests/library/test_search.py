"""Search: ranking, citations, snippets, facets, bad input — the same on SQLite and PostgreSQL."""

import json
import os
from collections import Counter
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

# Twenty fixed queries that must find the same entries on both databases (the suite runs on
# SQLite and on PostgreSQL; both compare with the same file, which the bench reads too).
# Regenerate after a content change: UPDATE_LIBRARY_GOLDEN=1 pytest tests/library/test_search.py -k same_entries
FIXED_QUERIES = [
    "2011/36",
    "C-670/22",
    "60561/14",
    "joint investigation team",
    "European Investigation Order",
    "non-punishment",
    "forced labour indicators",
    "asset recovery confiscation",
    "victim compensation",
    "Eurojust funding",
    "online recruitment social media",
    "crypto payments",
    "domestic servitude",
    "labour inspection",
    "child guardian",
    "money laundering predicate offence",
    "production order service provider",
    "reflection period",
    "knowing use of services",
    "Rantsev",
]


def top(q, levels=ALL, n=5, **filters):
    return [
        h.entry.slug for h in search.search(q=q, levels=levels, filters=filters, per_page=n).hits
    ]


def found_set(q):
    results = search.search(q=q, levels=ALL, per_page=500)
    assert results.total == len(results.hits)
    return sorted(h.entry.slug for h in results.hits)


def test_the_same_query_finds_the_same_entries_on_both_databases(library):
    found = {q: found_set(q) for q in FIXED_QUERIES}
    if os.environ.get("UPDATE_LIBRARY_GOLDEN"):
        GOLDEN.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert list(expected) == FIXED_QUERIES
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
    first = results.hits[0]  # an entry with the three words in its title
    assert "<mark>Joint</mark>" in first.title_html
    assert "<mark>Investigation</mark>" in first.title_html
    assert "<mark>Team" in first.title_html
    assert "<mark>" in first.snippet_html


@pytest.mark.parametrize("many", [False, True])
def test_a_title_match_ranks_above_a_summary_match_above_a_text_only_match(db, monkeypatch, many):
    from crossborder.library.search import postgres
    from tests.library.conftest import make_entry

    if many:  # as if thousands matched: PostgreSQL ranks on the titles-and-summaries vector
        monkeypatch.setattr(postgres, "RANK_WHOLE", 0)

    make_entry("in-the-text", body="A long text about the zorbulate method. " * 40)
    make_entry("in-the-summary", summary="The zorbulate method in short.")
    make_entry("in-the-title", title="The zorbulate method")
    make_entry("elsewhere", body="Nothing to see here. " * 20)
    assert top("zorbulate") == ["in-the-title", "in-the-summary", "in-the-text"]
    assert top("zorbulate method") == ["in-the-title", "in-the-summary", "in-the-text"]


def test_an_exact_citation_comes_before_entries_that_mention_it(db):
    from tests.library.conftest import make_entry

    for i in range(3):
        make_entry(f"mentions-{i}", title=f"Directive 2031/77 explained {i}")
    make_entry("the-act", title="An act", body="The text of the act.", citations=["2031/77"])
    results = search.search(q="2031/77", levels=ALL)
    assert results.hits[0].entry.slug == "the-act" and results.hits[0].cited
    assert results.total == 4 and not any(h.cited for h in results.hits[1:])


def test_a_restricted_entry_is_never_counted_shown_or_cited_for_a_public_reader(db):
    from tests.library.conftest import make_entry

    make_entry("open-note", title="Open note on wibblethorp", countries=["AT"], tags=("A",))
    make_entry(
        "closed-note",
        access="restricted",
        kind="tool",
        title="Closed zindlequad note on wibblethorp",
        citations=["2039/11"],
        professions=["law_enforcement"],
        countries=["MT"],
        tags=("B", "O"),
    )
    for q in ["wibblethorp", "zindlequad wibblethorp", "2039/11", "closed note"]:
        results = search.search(q=q, levels={"public"}, per_page=500)
        hits = [h.entry for h in results.hits]
        assert "closed-note" not in {e.slug for e in hits}, q
        assert all(e.access == "public" for e in hits), q
        # the facets count exactly the entries shown, so nothing of the restricted one
        assert results.total == len(hits), q
        assert results.facets["kind"] == dict(Counter(e.kind for e in hits)), q
        professions = Counter(p for e in hits for p in e.professions)
        assert results.facets["profession"] == dict(professions), q
        assert results.facets["country"] == dict(Counter(c for e in hits for c in e.countries)), q
        tags = Counter(t.code for e in hits for t in e.tags.all())
        shown = {**results.facets["element"], **results.facets["form"], **results.facets["theme"]}
        assert shown == dict(tags), q
    assert not any(h.cited for h in search.search(q="2039/11", levels={"public"}).hits)
    browse = search.search(q="", levels={"public"}, per_page=500)
    assert browse.total == Entry.objects.filter(access="public").count() == len(browse.hits)
    assert "closed-note" not in {h.entry.slug for h in browse.hits}
    vetted = search.search(q="2039/11", levels=ALL)
    assert vetted.hits[0].entry.slug == "closed-note" and vetted.hits[0].cited


def test_the_snippet_is_escaped_text_around_the_words(library):
    entry = Entry.objects.get(slug="sm-v-croatia")
    entry.body += "\n\nA line with <script>alert(1)</script> and the word Facebook."
    entry.save()
    hit = next(
        h for h in search.search(q="facebook", levels=ALL).hits if h.entry.slug == "sm-v-croatia"
    )
    assert "<script>" not in hit.snippet_html
    assert "<mark>" in hit.snippet_html


def test_author_html_and_mark_lookalikes_are_escaped_in_titles_and_snippets(db):
    from tests.library.conftest import make_entry

    make_entry(
        "hostile",
        title="<b>Quorvex</b> & co \x02 \x03",
        summary="Summary with <i>quorvex</i> \x03 inside.",
        body="<img src=x onerror=alert(1)> quorvex \x02 and </mark> text " * 5,
    )
    hit = search.search(q="quorvex", levels=ALL).hits[0]
    for html in (hit.title_html, hit.snippet_html):
        assert "<img" not in html and "<b>" not in html and "<i>" not in html
        assert html.count("<mark>") == html.count("</mark>") >= 1
        assert "\x02" not in html and "\x03" not in html
    assert "&lt;b&gt;<mark>Quorvex</mark>&lt;/b&gt; &amp; co" in hit.title_html


def test_a_word_stem_matches_its_other_forms(library):
    assert top("trafficked victims", n=50) and set(top("trafficked victims", n=50)) == set(
        top("trafficking victim", n=50)
    )


def test_prefix_of_the_last_word_matches_while_typing(library):
    assert "joint-investigation-teams" in top("joint investig", n=10)
    assert "joint-investigation-teams" in top("investig", n=100)
    typed = search.search(q="eurojus", levels=ALL)
    assert typed.total and typed.total == search.search(q="eurojust", levels=ALL).total


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
    '"',
    '""',
    '"unbalanced',
    "*",
    "**",
    "trafficking*",
    "NEAR",
    "NEAR(a b)",
    "a NEAR b",
    "AND",
    "OR NOT",
    "(",
    ")",
    "title:",
    "title : jit",
    "'; DROP TABLE library_entry; --",
    "1' OR '1'='1",
    "\\",
    "%",
    "_",
    "^",
    "{}",
    "<script>alert(1)</script>",
    "a" * 5000,
    "jit " * 300,
    "\x00",
    "💥",
    "Übereinkommen ‑ «guillemets»",
    "   ",
    "-",
    "--",
    "C-",
    "/",
    "2011/",
    ":*",
    "!",
    "&",
    "|",
    "<->",
]


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

    client.get("/library/", {"q": "investigation"})
    connection.queries_log.clear()  # a full log (9,000 from loading the content) captures nothing
    with CaptureQueriesContext(connection) as few:
        client.get("/library/", {"q": "investigation"})
    queries = len(few)
    assert 0 < queries <= 10  # PostgreSQL: with a savepoint and a planner setting
    for i in range(60):
        make_entry(f"bulk-investigation-{i}", body="investigation of trafficking cases " * 30)
    with django_assert_max_num_queries(queries):
        response = client.get("/library/", {"q": "investigation"})
    assert "bulk-investigation-" in response.content.decode()
