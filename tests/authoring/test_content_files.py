"""Files and database together: `load_content` never overwrites a browser edit (it lists the
conflict), reloading adds no versions, and `export_content` writes what `load_content` reads."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from crossborder.learning.content import load_modules
from crossborder.learning.models import Lesson, Module, Question, Quiz
from crossborder.library.content import load_library
from crossborder.library.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def curriculum():
    load_modules()
    load_library()


def _edit_in_browser(obj, by, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.edited_at = timezone.now()
    obj._history_user = by
    obj.save()


def test_it_keeps_browser_edits_and_lists_the_conflicts(curriculum, manager):
    question = Question.objects.get(module__slug="thb-law-and-2024-reform", key="q01")
    _edit_in_browser(question, manager, text="Edited in the browser")
    lesson = Lesson.objects.filter(module__slug="thb-law-and-2024-reform").first()
    _edit_in_browser(lesson, manager, title="A better title")
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    _edit_in_browser(module, manager, duration_minutes=90)
    entry = Entry.objects.get(slug="directive-2011-36-eu")
    _edit_in_browser(entry, manager, summary="A manager's summary")
    out = StringIO()
    call_command("load_content", stdout=out)
    report = out.getvalue()
    question.refresh_from_db()
    lesson.refresh_from_db()
    module.refresh_from_db()
    entry.refresh_from_db()
    assert question.text == "Edited in the browser"
    assert lesson.title == "A better title"
    assert module.duration_minutes == 90
    assert entry.summary == "A manager's summary"
    assert "3 item(s) edited in the browser were kept" in report  # the modules' part
    assert "1 item(s) edited in the browser were kept" in report  # the library's
    assert "question thb-law-and-2024-reform/q01: edited in the browser by Claire Dubois" in report
    assert "01-thb-law-and-2024-reform/questions.yaml not applied" in report
    assert f"lesson thb-law-and-2024-reform/{lesson.slug}" in report
    assert "module thb-law-and-2024-reform" in report
    assert "library entry directive-2011-36-eu" in report
    assert "instrument/directive-2011-36-eu.md" in report


def test_reloading_unchanged_files_adds_no_versions(curriculum):
    versions = (
        Question.history.count(),
        Module.history.count(),
        Lesson.history.count(),
        Entry.history.count(),
    )
    assert versions[0] >= Question.objects.count()  # every question has a version
    call_command("load_content", stdout=StringIO())
    assert (
        Question.history.count(),
        Module.history.count(),
        Lesson.history.count(),
        Entry.history.count(),
    ) == versions


def _snapshot():
    modules = {
        m.slug: (
            m.title,
            m.title_fr,
            m.summary_de,
            m.objectives,
            m.objectives_fr,
            m.objectives_de,
            m.level,
            m.status,
            m.professions,
            m.sources,
            sorted(t.code for t in m.tags.all()),
            sorted(p.slug for p in m.prerequisites.all()),
            [
                (lesson.slug, lesson.title, lesson.body, lesson.title_fr, lesson.body_de)
                for lesson in m.lessons.all()
            ],
        )
        for m in Module.objects.all()
    }
    questions = {
        (q.module.slug, q.key): (
            q.kind,
            q.category,
            q.text,
            q.data,
            q.explanation,
            q.translations,
            q.scenario,
            q.source,
            q.hidden,
            sorted(t.code for t in q.tags.all()),
        )
        for q in Question.objects.select_related("module")
    }
    quizzes = {
        quiz.module.slug: (
            quiz.draw_count,
            quiz.pass_mark,
            quiz.feedback,
            sorted(q.key for q in quiz.questions.all()),
        )
        for quiz in Quiz.objects.select_related("module")
    }
    entries = {
        e.slug: (
            e.kind,
            e.title,
            e.title_de,
            e.summary_fr,
            e.body,
            e.body_fr,
            e.body_de,
            e.access,
            e.professions,
            e.countries,
            e.citations,
            e.details,
            e.sources,
            e.reviewed,
            sorted(t.code for t in e.tags.all()),
            sorted(r.slug for r in e.related.all()),
        )
        for e in Entry.objects.all()
    }
    return modules, questions, quizzes, entries


def test_export_then_load_into_an_empty_database_reproduces_the_curriculum(curriculum, tmp_path):
    # Browser-only content the shipped files do not have: a translated lesson, lesson
    # sources, a draft module, quiz settings and a hidden question.
    lesson = Lesson.objects.filter(module__slug="thb-law-and-2024-reform").first()
    lesson.title_fr, lesson.body_fr = "Titre", "Corps **en français**"
    lesson.sources = ["directive-2011-36-eu", "https://eur-lex.europa.eu/eli/dir/2011/36/oj"]
    lesson.save()
    Module.objects.filter(slug="thb-law-and-2024-reform").update(status=Module.Status.DRAFT)
    Quiz.objects.filter(module__slug="thb-law-and-2024-reform").update(draw_count=7, pass_mark=60)
    Question.objects.filter(module__slug="thb-law-and-2024-reform", key="q02").update(hidden=True)
    # A question translated into French and a library entry's text into German.
    single = Question.objects.filter(module__slug="thb-law-and-2024-reform", kind="single").first()
    single.translations = {
        "fr": {
            "text": "Quels éléments ?",
            "explanation": "Article 2.",
            "data": {
                "options": [
                    {"text": f"Choix {i}", "feedback": "…"}
                    for i, _ in enumerate(single.data["options"])
                ]
            },
        }
    }
    single.save()
    Entry.objects.filter(slug="directive-2011-36-eu").update(
        body_de="Die Richtlinie **2011/36/EU**."
    )
    before = _snapshot()
    out = StringIO()
    call_command("export_content", "--to", str(tmp_path / "export"), stdout=out)
    assert "Exported 12 modules and 96 library entries" in out.getvalue()
    assert (tmp_path / "export/modules/01-thb-law-and-2024-reform/module.yaml").exists()
    assert (tmp_path / "export/modules/01-thb-law-and-2024-reform/questions.fr.yaml").exists()
    assert (tmp_path / "export/library/instrument/directive-2011-36-eu.de.md").exists()

    Entry.objects.all().delete()
    Module.objects.all().delete()
    assert not Question.objects.exists()
    call_command("load_content", "--from", str(tmp_path / "export"), stdout=StringIO())
    after = _snapshot()
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[2] == before[2]
    assert after[3] == before[3]
    assert len(after[1]) >= 240 and len(after[3]) == 96


def test_export_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "something.txt").write_text("x")
    with pytest.raises(Exception, match="must be an empty folder"):
        call_command("export_content", "--to", str(tmp_path), stdout=StringIO())
