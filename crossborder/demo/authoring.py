"""Demo authoring: the trainer's draft module, written in the browser (so with its history), and
one question whose key the trainer corrected (two versions)."""

from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import User
from crossborder.curriculum.models import Tag
from crossborder.learning.models import Lesson, Module, Question, Quiz

SLUG = "jit-first-30-days"
TRAINER = "trainer@example.org"

LESSONS = [
    (
        "legal-basis-and-agreement",
        "The legal basis and the agreement",
        """A joint investigation team (JIT) lets investigators and prosecutors of two or more
states work on one case as one team, for a set purpose and a set period.

## Where the power comes from

- **Article 13 of the EU Mutual Legal Assistance Convention** of 29 May 2000;
- **Framework Decision 2002/465/JHA** of 13 June 2002, for Member States that apply it;
- with a **third country**: Article 20 of the Second Additional Protocol to the Council of
  Europe's 1959 mutual assistance convention, or Article 19 of the UN Convention against
  Transnational Organized Crime (UNTOC).

## How the team works

The team works under the law of the state where it acts at the time, and the leader from
that state leads it. Members seconded by the other states may carry out investigative
measures there. What the team learns may be used for the team's purpose; for other offences
only with consent; to prevent an immediate and serious threat; or as the parties agreed.

## The agreement

The parties start from the **model agreement** in Council Resolution 2017/C 18/01 (OJ C 18,
19.1.2017). Its Appendix I, on the participation of EU bodies, was revised in 2022
(OJ C 44, 28.1.2022). The Word templates are on Eurojust's website.""",
    ),
    (
        "first-30-days",
        "The first 30 days: support, funding and evaluation",
        """In the first weeks the team signs its agreement, finds money and plans how it will
work.

## Who helps

The **JITs Network** (since 2005) brings together national experts; its secretariat sits at
Eurojust (Article 48 of Regulation (EU) 2018/1727). The **JITs Practical Guide** (Council
document 6128/1/17 REV 1) walks through the steps.

## Funding

Eurojust has funded JITs since 2009: travel, accommodation, translation and interpretation,
expertise, the transport of items and equipment, plus a **flat rate of 7 %** for indirect
costs. The team applies through the JITs Portal, with its signed agreement.

## A JIT or a European Investigation Order?

An **EIO** (Directive 2014/41/EU) asks another state for one measure: it must be recognised
within **30 days** and carried out within **90 days** (Article 12). A JIT suits a case that
needs the states to work together over time.

## What practitioners recommend

Evaluations of JITs point to involving Eurojust early, seconding members, keeping the same
interpreters, a joint line for the media, a review half-way through, and cooperation that
continues into the trial. The team fills in the JIT evaluation form (updated 16.2.2021) at
the end.""",
    ),
]

SOURCE_BASIS = (
    "EU MLA Convention of 29.5.2000, Art. 13; Framework Decision 2002/465/JHA (13.6.2002)"
)
SOURCE_FUNDING = "Eurojust, JIT funding (since 2009); JITs Network, JITs Practical Guide"
QUESTIONS = [
    {
        "key": "jit-framework-decision",
        "kind": "single",
        "text": "Which framework decision gives EU Member States a legal basis for a JIT?",
        "data": {
            "options": [
                {"text": "Framework Decision 2002/465/JHA", "correct": True},
                {"text": "Framework Decision 2002/584/JHA", "correct": False},
                {"text": "Directive 2014/41/EU", "correct": False},
                {"text": "Regulation (EU) 2018/1727", "correct": False},
            ]
        },
        "explanation": "FD 2002/465/JHA of 13 June 2002 is on JITs; 2002/584/JHA is the "
        "European Arrest Warrant, 2014/41/EU the EIO and 2018/1727 the Eurojust Regulation.",
        "source": SOURCE_BASIS,
    },
    {
        "key": "jit-legal-bases",
        "kind": "multiple",
        "text": "Which of these can be the legal basis of a JIT? Tick all that apply.",
        "data": {
            "options": [
                {"text": "Article 13 of the EU MLA Convention of 2000", "correct": True},
                {"text": "Framework Decision 2002/465/JHA", "correct": True},
                {
                    "text": "Article 20 of the Second Additional Protocol to the 1959 "
                    "Council of Europe convention (with a third country)",
                    "correct": True,
                },
                {
                    "text": "Framework Decision 2002/584/JHA (European Arrest Warrant)",
                    "correct": False,
                },
            ]
        },
        "explanation": "The MLA Convention, the framework decision and, with third countries, "
        "the Second Additional Protocol or Article 19 UNTOC; the EAW is about surrender.",
        "source": f"{SOURCE_BASIS}; Second Additional Protocol, Art. 20; UNTOC, Art. 19",
    },
    {
        "key": "jit-applicable-law",
        "kind": "true_false",
        "text": "A JIT works under the law of the state where it acts at the time.",
        "data": {"answer": True, "feedback": {}},
        "explanation": "Article 13 of the MLA Convention: the law of the state where the team "
        "operates, led by that state's leader.",
        "source": "EU MLA Convention of 29.5.2000, Art. 13",
    },
    {
        "key": "jit-flat-rate",
        "kind": "numeric",
        "text": "Eurojust's JIT funding adds a flat rate for indirect costs. How many per cent?",
        "data": {"answer": 10, "tolerance": 0},  # corrected to 7 below (the second version)
        "explanation": "A flat rate of 7 % for indirect costs, on top of travel, "
        "accommodation, translation and interpretation, expertise, transport and equipment.",
        "source": SOURCE_FUNDING,
    },
    {
        "key": "jit-deadlines",
        "kind": "matching",
        "text": "Match each instrument with what it sets.",
        "data": {
            "pairs": [
                {
                    "left": "European Investigation Order",
                    "right": "30 days to recognise, 90 to execute",
                },
                {"left": "European Arrest Warrant", "right": "A decision within 60 days of arrest"},
                {"left": "e-evidence Production Order", "right": "An answer within 10 days"},
            ]
        },
        "explanation": "Directive 2014/41/EU Art. 12; FD 2002/584/JHA; Regulation (EU) "
        "2023/1543 (8 hours in emergencies).",
        "source": "Directive 2014/41/EU, Art. 12; FD 2002/584/JHA; Regulation (EU) 2023/1543",
    },
    {
        "key": "jit-network-secretariat",
        "kind": "short",
        "text": "Which EU agency hosts the secretariat of the JITs Network?",
        "data": {"accepted": ["Eurojust"]},
        "explanation": "Article 48 of Regulation (EU) 2018/1727 places the JITs Network "
        "secretariat at Eurojust.",
        "source": "Regulation (EU) 2018/1727, Art. 48",
    },
]


def _save_by(obj, user, reason: str | None = None):
    """Save as the trainer would in the browser: history with their name, edited_at set."""
    obj.edited_at = timezone.now()
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


@transaction.atomic
def seed_draft_module() -> dict:
    """Idempotent: the trainer's draft module with two lessons and six questions of different
    types; the numeric question's key corrected once (two versions)."""
    trainer = User.objects.filter(email=TRAINER).first()
    if trainer is None or Module.objects.filter(slug=SLUG).exists():
        return {"modules": 0}
    module = _save_by(
        Module(
            slug=SLUG,
            order=99,
            title="Setting up a joint investigation team: the first 30 days",
            summary="The legal bases of a JIT, the model agreement, who supports a new team, "
            "Eurojust funding, and when a European Investigation Order is the better tool.",
            objectives=[
                "After this module you can name the legal bases of a JIT, inside the EU and "
                "with third countries.",
                "After this module you can plan a JIT's first weeks: agreement, funding and "
                "support.",
            ],
            duration_minutes=45,
            level="registered",
            professions=["prosecutor", "law_enforcement", "judge"],
            sources=[SOURCE_BASIS, "Council Resolution 2017/C 18/01", SOURCE_FUNDING],
            status=Module.Status.DRAFT,
        ),
        trainer,
    )
    module.owners.add(trainer)
    module.tags.set(Tag.objects.filter(code__in=["A"]))
    for order, (slug, title, body) in enumerate(LESSONS, 1):
        _save_by(
            Lesson(module=module, order=order, slug=slug, title=title, body=body.strip()),
            trainer,
        )
    Quiz.objects.create(module=module, draw_count=6, pass_mark=70, time_limit_minutes=20)
    for spec in QUESTIONS:
        _save_by(Question(module=module, **spec), trainer)
    numeric = module.questions.get(key="jit-flat-rate")
    numeric.data = {"answer": 7, "tolerance": 0}
    _save_by(numeric, trainer, reason="corrected key: the flat rate is 7 %")
    return {"modules": 1}
