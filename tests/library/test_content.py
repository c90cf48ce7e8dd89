"""The library content: enough real entries, well formed, loaded idempotently, linked to modules."""

from pathlib import Path

import pytest

from crossborder.library.content import LIBRARY_DIR, ContentError, load_library
from crossborder.library.models import Citation, Entry

pytestmark = pytest.mark.django_db


def test_it_loads_at_least_80_entries_of_every_kind(library):
    assert library["entries"] >= 80
    kinds = set(Entry.objects.values_list("kind", flat=True))
    assert kinds == {"instrument", "tool", "case", "indicators", "practice", "guidance"}


def test_every_entry_has_a_source_a_summary_tags_and_a_review_date(library):
    for entry in Entry.objects.prefetch_related("tags"):
        assert entry.sources and all(s.get("title") for s in entry.sources), entry.slug
        assert entry.summary and entry.title_fr and entry.title_de, entry.slug
        assert entry.reviewed is not None, entry.slug
        assert any(t.kind == "element" for t in entry.tags.all()), entry.slug


def test_at_least_15_good_practices_are_labelled_illustrative(library):
    practices = Entry.objects.filter(kind="practice")
    assert practices.count() >= 15
    for practice in practices:
        assert practice.is_illustrative
        assert practice.body.startswith("*Illustrative example composed for training")


def test_every_listed_instrument_tool_and_case_is_there(library):
    for slug in [
        "directive-2011-36-eu",
        "directive-2024-1712",
        "directive-2014-41-eio",
        "framework-decision-2002-584-eaw",
        "regulation-2018-1727-eurojust",
        "regulation-2016-794-europol",
        "directive-2024-1260-asset-recovery",
        "regulation-2023-1543-e-evidence",
        "joint-investigation-teams",
        "siliadin-v-france",
        "rantsev-v-cyprus-and-russia",
        "sm-v-croatia",
        "vcl-and-an-v-united-kingdom",
        "cjeu-c-670-22-mn-encrochat",
        "ilo-forced-labour-indicators",
    ]:
        assert Entry.objects.filter(slug=slug).exists(), slug


def test_nothing_marked_unverified_went_in(library):
    for entry in Entry.objects.all():
        text = f"{entry.title} {entry.summary} {entry.body} {entry.details}".lower()
        assert "unverified" not in text, entry.slug
        assert "phoenix" not in text, entry.slug  # the Europol project name is unverified
        assert "18a" not in text, entry.slug  # the article number of the knowing-use offence


def test_loading_twice_changes_nothing(library):
    counts = (Entry.objects.count(), Citation.objects.count())
    links = Entry.modules.through.objects.count()
    again = load_library()
    assert again["entries"] == library["entries"]
    assert (Entry.objects.count(), Citation.objects.count()) == counts
    assert Entry.modules.through.objects.count() == links


def test_modules_and_questions_are_linked_through_their_citations(library):
    directive = Entry.objects.get(slug="directive-2011-36-eu")
    assert directive.modules.filter(slug="thb-law-and-2024-reform").exists()
    assert directive.questions.count() >= 10
    croatia = Entry.objects.get(slug="sm-v-croatia")
    assert croatia.modules.filter(slug="human-rights-case-law").exists()
    assert library["question_links"] > 100


def test_a_broken_file_is_refused_with_its_name_and_field(db, tmp_path):
    before = Entry.objects.count()
    folder = tmp_path / "case"
    folder.mkdir()
    good = (LIBRARY_DIR / "case" / "siliadin-v-france.md").read_text(encoding="utf-8")
    (folder / "siliadin-v-france.md").write_text(
        good.replace("access: public", "access: secret").replace(
            "related:", "related: [nowhere]\nold_related:"
        ),
        encoding="utf-8",
    )
    (folder / "broken.md").write_text("no front matter here", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_library(tmp_path)
    text = str(error.value)
    assert (
        "case/siliadin-v-france.md: access: must be one of public, registered, restricted" in text
    )
    assert "related: unknown entry “nowhere”" in text
    assert "case/broken.md: the file must start with a '---' line" in text
    assert Entry.objects.count() == before  # nothing stored


def test_content_files_have_the_slug_as_file_name():
    from crossborder.library.content import entry_files

    files = entry_files(Path(LIBRARY_DIR))
    assert len(files) >= 80
    for path in files:
        assert f"slug: {path.stem}\n" in path.read_text(encoding="utf-8"), path
