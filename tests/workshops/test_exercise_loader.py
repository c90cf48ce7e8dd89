"""The workshop exercises are data: the loader reads content/workshops/, refuses files with
problems (naming the file and the line) without loading anything, reloads in place and never
drops an inject that a run has released."""

import re
import shutil

import pytest
from django.core.management import CommandError, call_command

from crossborder.workshops.exercises import loader
from crossborder.workshops.exercises.loader import WORKSHOPS_DIR, ContentError, load_workshops
from crossborder.workshops.models import Exercise, Inject, InjectRelease, RoleCard

pytestmark = pytest.mark.django_db

JIT = WORKSHOPS_DIR / "jit-simulation"


@pytest.fixture
def content(tmp_path):
    """A copy of the repository's exercises to break."""
    root = tmp_path / "workshops"
    shutil.copytree(WORKSHOPS_DIR, root)
    return root


def line_of(path, start: str) -> int:
    """The number of the first line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_it_loads_the_jit_exercise_with_its_cards_injects_and_sources():
    result = load_workshops()
    assert result["loaded"] == 1
    exercise = Exercise.objects.get(slug="jit-simulation")
    assert exercise.kind == "jit_agreement"
    assert exercise.title.startswith("Joint investigation team simulation")
    assert exercise.title_fr and exercise.title_de and exercise.summary_fr and exercise.summary_de
    assert "Member State A" in exercise.case_file and "Your task" in exercise.case_file
    assert any("2011/36" in s["title"] for s in exercise.sources)
    roles = list(exercise.roles.all())
    assert [r.key for r in roles] == [
        "judge",
        "prosecutor",
        "police-officer",
        "financial-investigator",
        "labour-inspector",
        "ngo-counsellor",
        "eurojust-national-member",
        "europol-analyst",
    ]
    assert all(r.sources and r.title_fr and r.title_de for r in roles)
    injects = list(exercise.injects.all())
    assert [i.minute for i in injects] == [10, 20, 30, 40, 50, 60, 70]
    assert {i.key for i in injects} >= {"evidence-in-state-d", "arrest-abroad", "media-leak"}
    assert all(i.sources and i.title_fr and i.title_de for i in injects)
    assert exercise.checklist == [] or all("key" in c for c in exercise.checklist)


def test_loading_unchanged_files_again_writes_nothing():
    load_workshops()
    before = Exercise.objects.values_list("pk", "loaded_at", "content_hash").get()
    result = load_workshops()
    assert result["loaded"] == 0 and result["unchanged"] == 1
    assert Exercise.objects.values_list("pk", "loaded_at", "content_hash").get() == before


BROKEN = [
    # (file, old, new, the problem as the loader words it)
    (
        "exercise.yaml",
        "slug: jit-simulation",
        "slug: jit-sim",
        "jit-simulation/exercise.yaml, line 1: slug: must be the folder name (jit-simulation)",
    ),
    (
        "exercise.yaml",
        "kind: jit_agreement",
        "kind: essay",
        "jit-simulation/exercise.yaml, line 2: kind: must be one of jit_agreement",
    ),
    (
        "injects.yaml",
        "  title: A news site publishes the story\n",
        "",
        "jit-simulation/injects.yaml, line {- key: media-leak}: inject “media-leak”: title: an English "
        "text (en) is required",
    ),
    (
        "injects.yaml",
        "- key: media-leak",
        "- key: new-victim-statement",
        "jit-simulation/injects.yaml, line {- key: media-leak}: key: “new-victim-statement” is used "
        "twice (line {- key: new-victim-statement})",
    ),
    (
        "injects.yaml",
        "  minute: 30\n",
        "  minute: half past\n",
        "jit-simulation/injects.yaml, line {  minute: 30}: inject “media-leak”: minute: a whole "
        "number from 0 to 600",
    ),
    (
        "injects.yaml",
        "  title: A news site publishes the story\n",
        "  title: A news site: publishes\n",
        "jit-simulation/injects.yaml, line {  title: A news site publishes}: not valid YAML",
    ),
    (
        "roles/judge.md",
        "professions: [judge]",
        "professions: [judges]",
        "jit-simulation/roles/judge.md, line 7: professions: unknown profession “judges”",
    ),
    (
        "roles/judge.md",
        "key: judge",
        "key: investigating-judge",
        "jit-simulation/roles/judge.md, line 2: key: must be the file name (judge)",
    ),
    (
        "roles/prosecutor.md",
        "order: 2",
        "order: 1",
        "jit-simulation/roles/prosecutor.md, line 3: order: 1 is also the order of judge.md",
    ),
    (
        "roles/police-officer.md",
        "    reference: Convention of 29 May 2000\n",
        "",
        "jit-simulation/roles/police-officer.md, line 9: sources: “Convention on Mutual "
        "Assistance in Criminal Matters between the Member States of the EU, Article 13” needs "
        "a reference or url",
    ),
    (
        "exercise.yaml",
        "url: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036",
        "url: http://eur-lex.europa.eu/",
        "jit-simulation/exercise.yaml, line 35: sources: a url must start with https://",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "problem"), BROKEN)
def test_a_problem_names_the_file_and_line_and_nothing_is_loaded(content, name, old, new, problem):
    path = content / "jit-simulation" / name
    problem = re.sub(r"\{([^}]+)\}", lambda m: str(line_of(path, m[1])), problem)
    edit(path, old, new)
    with pytest.raises(ContentError) as error:
        load_workshops(content)
    assert any(p.startswith(problem) for p in error.value.problems), error.value.problems
    assert not Exercise.objects.exists()
    assert not RoleCard.objects.exists() and not Inject.objects.exists()


def test_an_inject_without_sources_or_a_missing_case_file_is_refused(content):
    folder = content / "jit-simulation"
    edit(
        folder / "injects.yaml",
        "  sources:\n    - title: Directive 2014/41/EU regarding the European Investigation Order "
        "in criminal matters\n      reference: Article 12 (time limits) and Annex D\n",
        "",
    )
    (folder / "case-file.md").unlink()
    with pytest.raises(ContentError) as error:
        load_workshops(content)
    assert (
        "jit-simulation/injects.yaml, line 1: inject “evidence-in-state-d”: sources: at least "
        "one source is required" in error.value.problems
    )
    assert "jit-simulation/case-file.md: missing or empty (the case file is required)" in (
        error.value.problems
    )


def test_one_broken_folder_keeps_the_good_one_from_loading_too(content):
    shutil.copytree(content / "jit-simulation", content / "second-exercise")
    edit(
        content / "second-exercise" / "exercise.yaml",
        "slug: jit-simulation",
        "slug: second-exercise",
    )
    (content / "second-exercise" / "injects.yaml").write_text("key: not a list\n")
    with pytest.raises(ContentError) as error:
        load_workshops(content)
    assert error.value.problems == [
        "second-exercise/injects.yaml, line 1: must be a list of injects (each line starting "
        "with '- key: …')"
    ]
    assert not Exercise.objects.exists()


def test_a_second_exercise_loads_beside_the_first(content):
    shutil.copytree(content / "jit-simulation", content / "second-exercise")
    edit(
        content / "second-exercise" / "exercise.yaml",
        "slug: jit-simulation",
        "slug: second-exercise",
    )
    assert load_workshops(content)["loaded"] == 2
    assert Exercise.objects.count() == 2 and Inject.objects.count() == 14


def _released_run(exercise, key, manager):
    from crossborder.workshops.exercises.services import open_run, prepare_run, release_inject
    from crossborder.workshops.models import Workshop
    from tests.factories import make_seminar

    seminar = make_seminar("vienna-loader")
    start = seminar.sessions.filter(kind="workshop").first().start
    workshop = Workshop.objects.create(seminar=seminar, start=start)
    run = open_run(run=prepare_run(exercise=exercise, workshop=workshop, by=manager), by=manager)
    release_inject(run=run, inject=exercise.injects.get(key=key), by=manager)
    return run


def test_a_changed_folder_updates_in_place_and_keeps_the_runs(content, manager):
    load_workshops(content)
    exercise = Exercise.objects.get()
    run = _released_run(exercise, "media-leak", manager)
    ids = dict(Inject.objects.values_list("key", "pk"))
    folder = content / "jit-simulation"
    edit(
        folder / "injects.yaml", "title: A news site publishes the story", "title: The story leaks"
    )
    edit(
        folder / "roles/judge.md", "title: Investigating judge in Member State B", "title: Judge B"
    )
    edit(folder / "case-file.md", "## Operation Glass Harbour", "## Operation Glass Harbour (v2)")
    (folder / "roles" / "europol-analyst.md").unlink()
    result = load_workshops(content)
    assert result["loaded"] == 1
    exercise.refresh_from_db()
    assert "(v2)" in exercise.case_file and Exercise.objects.count() == 1
    assert dict(Inject.objects.values_list("key", "pk")) == ids
    assert Inject.objects.get(key="media-leak").title == "The story leaks"
    assert RoleCard.objects.get(key="judge").title == "Judge B"
    assert not RoleCard.objects.filter(key="europol-analyst").exists()
    release = InjectRelease.objects.get()
    assert release.run_id == run.pk and release.inject_id == ids["media-leak"]


def _without_inject(path, key):
    """injects.yaml without the inject `key` (each inject starts with '- key:')."""
    text = path.read_text(encoding="utf-8")
    parts = text.split("- key: ")
    path.write_text("- key: ".join(p for p in parts if not p.startswith(key + "\n")))


def test_a_released_inject_cannot_be_removed_but_an_unreleased_one_can(content, manager):
    load_workshops(content)
    _released_run(Exercise.objects.get(), "media-leak", manager)
    injects = content / "jit-simulation" / "injects.yaml"
    original = injects.read_text(encoding="utf-8")
    _without_inject(injects, "media-leak")
    with pytest.raises(ContentError) as error:
        load_workshops(content)
    assert error.value.problems == [
        "jit-simulation/injects.yaml: inject “media-leak” was released in 1 run(s) and cannot "
        "be removed: keep it in the file (you may change its text)"
    ]
    assert Inject.objects.filter(key="media-leak").exists() and InjectRelease.objects.exists()
    injects.write_text(original, encoding="utf-8")
    _without_inject(injects, "bank-reply")
    load_workshops(content)
    assert not Inject.objects.filter(key="bank-reply").exists()
    assert Inject.objects.count() == 6 and InjectRelease.objects.count() == 1


def test_the_checklist_is_checked_then_handed_to_the_validators(content, monkeypatch):
    checklist = content / "jit-simulation" / "checklist.yaml"
    checklist.write_text(
        "- key: leaders\n  text: A leader for every State where the team operates\n"
        "  rule: leader_per_state\n"
        "- key: funding\n  text: A line on costs and the EU funding application\n",
        encoding="utf-8",
    )
    seen = []

    def no_rule_missing(items):
        seen.append([i["key"] for i in items])
        return [f"item “{i['key']}”: no rule" for i in items if "rule" not in i]

    monkeypatch.setattr(loader, "VALIDATORS", [no_rule_missing])
    with pytest.raises(ContentError) as error:
        load_workshops(content)
    assert error.value.problems == ["jit-simulation/checklist.yaml: item “funding”: no rule"]
    assert seen == [["leaders", "funding"]] and not Exercise.objects.exists()
    checklist.write_text(checklist.read_text() + "  rule: funding_line\n", encoding="utf-8")
    load_workshops(content)
    assert Exercise.objects.get().checklist == [
        {
            "key": "leaders",
            "text": "A leader for every State where the team operates",
            "rule": "leader_per_state",
        },
        {
            "key": "funding",
            "text": "A line on costs and the EU funding application",
            "rule": "funding_line",
        },
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("key: leaders\n", "line 1: must be a list of items"),
        ("- leaders\n", "each item must be a mapping with key and text"),
        ("- text: A leader per State\n", "line 1: each item needs a key"),
        ("- key: leaders\n", "line 1: item “leaders”: a text is required"),
        ("- key: a\n  text: x\n- key: a\n  text: y\n", "line 3: key: “a” is used twice"),
    ],
)
def test_a_checklist_that_is_not_a_list_of_keyed_texts_is_refused(content, text, problem):
    (content / "jit-simulation" / "checklist.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_workshops(content)
    assert any(problem in p for p in error.value.problems), error.value.problems
    assert not Exercise.objects.exists()


def test_the_command_loads_and_lists_problems(content, capsys):
    call_command("load_workshops")
    assert "Workshop exercises: 1 (1 loaded, 0 unchanged), 8 role cards, 7 injects." in (
        capsys.readouterr().out
    )
    edit(content / "jit-simulation" / "roles" / "judge.md", "order: 1", "order: first")
    with pytest.raises(CommandError) as error:
        call_command("load_workshops", "--from", str(content))
    assert "nothing was loaded" in str(error.value)
    assert "jit-simulation/roles/judge.md, line 3: order: a whole number 0 or more" in str(
        error.value
    )
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("load_workshops", "--from", str(content / "nowhere"))
