"""The lesson editor: Markdown with a preview, languages, images, sources, order; and the
learner's lesson page that shows them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from crossborder.audit.models import AuditEntry
from crossborder.learning.models import Lesson
from tests.library.conftest import make_entry

from .module_helpers import make_lesson, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def module(trainer):
    return make_module(owners=[trainer], status="published")


def lesson_post(**change):
    data = {
        "action": "save",
        "title": "Consent is irrelevant",
        "title_fr": "",
        "title_de": "",
        "body": "## The means\n\nOnce a **means** is used, consent does not matter.",
        "body_fr": "",
        "body_de": "",
        "source_urls": "",
        "image-alt": "",
        "image-target": "body",
    }
    data.update(change)
    return data


def png(width=40, height=30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 58, 138)).save(out, format="PNG")
    return out.getvalue()


def test_it_creates_a_lesson_at_the_end_and_shows_it_to_learners(
    client_of, trainer, participant, module
):
    make_lesson(module, 1)
    r = client_of(trainer).post(f"/author/modules/{module.slug}/lessons/new/", lesson_post())
    lesson = Lesson.objects.get(slug="consent-is-irrelevant")
    assert r.status_code == 302
    assert r["Location"] == f"/author/modules/{module.slug}/lessons/{lesson.slug}/"
    assert lesson.order == 2 and lesson.edited_at is not None
    assert AuditEntry.objects.filter(action="lesson.create", object_id=str(lesson.pk)).exists()
    body = client_of(participant).get(lesson.get_absolute_url()).content.decode()
    assert "<h2>The means</h2>" in body and "<strong>means</strong>" in body


def test_it_shows_the_french_and_german_versions_on_the_lesson_page(
    client, client_of, trainer, module
):
    client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/new/",
        lesson_post(
            title_fr="Le consentement est indifférent",
            body_fr="Le **consentement** ne compte pas.",
            title_de="Die Einwilligung ist unerheblich",
            body_de="Die **Einwilligung** zählt nicht.",
        ),
    )
    lesson = Lesson.objects.get()
    client.logout()
    for language, title, text in [
        ("fr", "Le consentement est indifférent", "Le <strong>consentement</strong> ne compte"),
        ("de", "Die Einwilligung ist unerheblich", "Die <strong>Einwilligung</strong> zählt"),
        ("en", "Consent is irrelevant", "Once a <strong>means</strong> is used"),
    ]:
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        body = client.get(lesson.get_absolute_url()).content.decode()
        assert f"<h1>{title}</h1>" in body and text in body
        module_page = client.get(module.get_absolute_url()).content.decode()
        assert title in module_page  # the list of lessons too


@pytest.mark.parametrize(
    ("field", "text", "what"),
    [
        ("body", "Read this <script>alert(1)</script>", "a &lt;script&gt; tag"),
        ("body", '<img src="x.png" onerror="alert(1)">', "an event handler (onerror)"),
        ("body_fr", '<div hx-post="/account/delete">Cliquez</div>', "an htmx attribute (hx-post)"),
        ("body_de", '<p data-hx-get="/x">Hier</p>', "an htmx attribute (data-hx-get)"),
        ("body", "[Click](javascript:alert(1))", "a script link (href)"),
    ],
)
def test_it_refuses_scripts_handlers_and_htmx_in_a_lesson_and_names_the_field(
    client_of, trainer, module, field, text, what
):
    lesson = make_lesson(module, body="Original text.")
    change = {field: text}
    if field != "body":
        change[f"title_{field[-2:]}"] = "Titre"
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/{lesson.slug}/", lesson_post(**change)
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert f'id="id_{field}_error"' in body
    assert what in body
    lesson.refresh_from_db()
    assert lesson.body == "Original text." and lesson.title == "Lesson 1"
    assert lesson.body_fr == "" and lesson.body_de == ""
    assert not AuditEntry.objects.exists()


def test_a_lesson_may_still_show_code_that_mentions_a_script_tag(client_of, trainer, module):
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/new/",
        lesson_post(body="Attackers paste `<script>` into forms."),
    )
    assert r.status_code == 302
    assert Lesson.objects.get().body == "Attackers paste `<script>` into forms."


def test_the_preview_renders_through_the_sanitiser_and_stores_nothing(client_of, trainer, module):
    c = client_of(trainer)
    r = c.post(
        "/author/preview/",
        {"preview": "body_fr", "body_fr": "**Gras** <script>x()</script>", "body": "ignored"},
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "<strong>Gras</strong>" in body and "<script>" not in body
    assert "Not allowed, and will not be saved: a &lt;script&gt; tag." in body
    assert not Lesson.objects.exists()
    # without JavaScript: the Preview button shows the page with the preview
    r = c.post(
        f"/author/modules/{module.slug}/lessons/new/",
        lesson_post(action="preview", body="A *preview* only"),
    )
    assert r.status_code == 200
    assert "A <em>preview</em> only" in r.content.decode()
    assert not Lesson.objects.exists()


def test_it_adds_an_uploaded_image_to_the_text_as_markdown(client_of, trainer, module, settings):
    lesson = make_lesson(module, body="Look at the map.")
    upload = SimpleUploadedFile("map.PNG", png(), content_type="image/png")
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/{lesson.slug}/",
        lesson_post(
            action="image", body="Look at the map.", **{"image-image": upload, "image-alt": "Route"}
        ),
    )
    assert r.status_code == 200
    body = r.content.decode()
    stored = list((settings.MEDIA_ROOT / "lessons" / module.slug).iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".png"
    markdown = f"![Route](/media/lessons/{module.slug}/{stored[0].name})"
    assert markdown in body  # in the text area, to save with the lesson
    assert f'<img alt="Route" src="/media/lessons/{module.slug}/{stored[0].name}">' in body
    assert Image.open(stored[0]).size == (40, 30)
    assert Lesson.objects.get().body == "Look at the map."  # saved only with the lesson
    assert AuditEntry.objects.get(action="lesson.image.upload").details["file"].endswith(".png")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"%PDF-1.7 not an image at all", "This file is not an image"),
        ("photo.png", png()[:60], "This file is not an image"),
        ("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 10), "at most 2.0\xa0MB is accepted"),
    ],
)
def test_it_refuses_a_file_that_is_not_an_image_or_too_big(
    client_of, trainer, module, settings, name, content, message
):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/new/",
        lesson_post(action="image", **{"image-image": upload, "image-alt": "A photo"}),
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert message in body and 'id="id_image-image_error"' in body
    assert not (settings.MEDIA_ROOT / "lessons").exists()
    assert not Lesson.objects.exists() and not AuditEntry.objects.exists()


def test_it_cites_library_entries_and_links_as_sources(
    client, client_of, trainer, participant, module
):
    directive = make_entry("directive-2011-36-eu", kind="instrument", title="Directive 2011/36/EU")
    make_entry("restricted-manual", access="restricted", title="Restricted manual")
    c = client_of(trainer)
    found = c.get(
        "/author/sources/", {"source_q": "directive"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'value="directive-2011-36-eu"' in found
    assert "Restricted manual" not in found  # the trainer may not read it
    assert "<title>" not in found  # the fragment htmx puts under the lesson form
    r = c.post(
        f"/author/modules/{module.slug}/lessons/new/",
        lesson_post(
            source_entries=["directive-2011-36-eu"],
            source_urls="https://eur-lex.europa.eu/eli/dir/2011/36/oj",
        ),
    )
    assert r.status_code == 302
    lesson = Lesson.objects.get()
    assert lesson.sources == [
        "directive-2011-36-eu",
        "https://eur-lex.europa.eu/eli/dir/2011/36/oj",
    ]
    body = client_of(participant).get(lesson.get_absolute_url()).content.decode()
    assert f'<a href="{directive.get_absolute_url()}">Directive 2011/36/EU</a>' in body
    assert 'href="https://eur-lex.europa.eu/eli/dir/2011/36/oj"' in body


def test_it_shows_the_source_search_as_a_page_when_opened_without_htmx(client_of, trainer):
    directive = make_entry("directive-2011-36-eu", kind="instrument", title="Directive 2011/36/EU")
    make_entry("restricted-manual", access="restricted", title="Restricted manual")
    c = client_of(trainer)
    body = c.get("/author/sources/").content.decode()
    assert "<title>Library entries to cite" in body and 'name="source_q"' in body
    assert "entry found" not in body and "entries found" not in body  # nothing searched yet
    body = c.get("/author/sources/", {"source_q": "directive"}).content.decode()
    assert f'<a href="{directive.get_absolute_url()}">Directive 2011/36/EU</a>' in body
    assert "1 entry found" in body and 'value="directive"' in body
    assert 'type="checkbox"' not in body  # nothing to tick outside a lesson's form
    assert "Restricted manual" not in body
    assert (
        "No library entry matches."
        in c.get("/author/sources/", {"source_q": "zzzz"}).content.decode()
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"source_urls": "http://example.org/plain"}, "source_urls", "is not an https:// address"),
        ({"source_entries": ["no-such-entry"]}, "source_entries", "Select a valid choice."),
        ({"title": ""}, "title", "This field is required."),
        ({"body": ""}, "body", "This field is required."),
    ],
)
def test_it_refuses_bad_sources_and_missing_fields(
    client_of, trainer, module, change, field, message
):
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/new/", lesson_post(**change)
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Lesson.objects.exists()


def test_the_library_search_without_javascript_keeps_what_was_typed(client_of, trainer, module):
    make_entry("eu-strategy", title="EU strategy on trafficking")
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/new/",
        lesson_post(action="find", source_q="strategy", body="Draft text"),
    )
    body = r.content.decode()
    assert 'value="eu-strategy"' in body and "Draft text</textarea>" in body
    assert not Lesson.objects.exists()


def test_it_moves_lessons_up_and_down_and_deletes_one(client_of, trainer, module):
    first, _second, third = (make_lesson(module, n) for n in (1, 2, 3))
    c = client_of(trainer)
    base = f"/author/modules/{module.slug}/lessons"
    c.post(f"{base}/{third.slug}/move/", {"direction": "up"})
    assert list(module.lessons.values_list("slug", flat=True)) == [
        "lesson-1",
        "lesson-3",
        "lesson-2",
    ]
    c.post(f"{base}/{first.slug}/move/", {"direction": "down"})
    assert list(module.lessons.values_list("slug", flat=True)) == [
        "lesson-3",
        "lesson-1",
        "lesson-2",
    ]
    r = c.post(f"{base}/{third.slug}/move/", {"direction": "up"}, follow=True)
    assert "is already at that end" in r.content.decode()
    assert c.get(f"{base}/{first.slug}/delete/").status_code == 200
    assert Lesson.objects.count() == 3  # asking to confirm deletes nothing
    c.post(f"{base}/{first.slug}/delete/")
    assert list(module.lessons.values_list("slug", "order")) == [("lesson-3", 1), ("lesson-2", 2)]
    assert AuditEntry.objects.filter(action="lesson.delete").count() == 1
    assert AuditEntry.objects.filter(action="lesson.move").count() == 2


def test_only_the_modules_authors_reach_its_lessons(client_of, trainer, manager, participant):
    other = make_module("other")
    lesson = make_lesson(other)
    url = f"/author/modules/other/lessons/{lesson.slug}/"
    assert client_of(trainer).get(url).status_code == 404
    assert client_of(trainer).post(url, lesson_post()).status_code == 404
    assert client_of(participant).get(url).status_code == 404
    assert client_of(manager).get(url).status_code == 200
    assert Lesson.objects.get().title == "Lesson 1"
