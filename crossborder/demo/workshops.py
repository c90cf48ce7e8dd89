"""Workshop groups of the held seminars (Vienna, Lisbon, Warsaw): every workshop slot allocated
by the real solver (inline, with a short time limit) and shown to participants, with two
pairing rules of the kind course directors set."""

from statistics import mean

from crossborder.accounts.models import User
from crossborder.seminars.models import Seminar
from crossborder.workshops.allocation import checks
from crossborder.workshops.allocation.people import participants, problem_for, slots_of
from crossborder.workshops.allocation.services import publish_groups, run_allocation
from crossborder.workshops.models import AllocationRun, PairingRule, Workshop

MANAGER = "manager@example.org"
TIME_LIMIT = 3.0
KEEP_TOGETHER = (
    "Their authorities are preparing a joint investigation team on a labour exploitation case; "
    "the workshops are part of their preparation."
)
KEEP_APART = (
    "The judge sits in the trial of a case this prosecutor is bringing; both asked not to "
    "work on the case exercises together."
)


def _first(people, *, profession, exclude=(), country=None, not_country=None):
    for a in people:
        if a.profession != profession or a.pk in exclude:
            continue
        if country is not None and a.country != country:
            continue
        if not_country is not None and a.country == not_country:
            continue
        return a
    return None


def _languages(application) -> set:
    profile = getattr(application.user, "profile", None)
    return set(profile.working_languages or []) if profile else set()


def seed_rules(seminar, manager) -> int:
    """A keep-together pair (a prosecutor and a police officer of two Member States who share
    a group language) and a keep-apart pair (a judge and a prosecutor of one country)."""
    if PairingRule.objects.filter(seminar=seminar).exists():
        return 0
    people = participants(seminar)
    offered = set(seminar.working_languages or ["en"])
    added = 0
    prosecutor = _first(people, profession="prosecutor")
    if prosecutor is not None:
        shared = _languages(prosecutor) & offered
        officer = next(
            (
                a
                for a in people
                if a.profession == "law_enforcement"
                and a.country != prosecutor.country
                and (not shared or _languages(a) & shared)
            ),
            None,
        )
        if officer is not None:
            PairingRule.objects.create(
                seminar=seminar,
                kind=PairingRule.Kind.TOGETHER,
                first=prosecutor,
                second=officer,
                note=KEEP_TOGETHER,
                created_by=manager,
            )
            added += 1
    for judge in (a for a in people if a.profession == "judge"):
        other = _first(
            people,
            profession="prosecutor",
            country=judge.country,
            exclude={prosecutor.pk if prosecutor else 0},
        )
        if other is not None:
            PairingRule.objects.create(
                seminar=seminar,
                kind=PairingRule.Kind.APART,
                first=judge,
                second=other,
                note=KEEP_APART,
                created_by=manager,
            )
            added += 1
            break
    return added


def complete_languages(seminar) -> int:
    """The demo's generated profiles give some attendees only their national language; at a
    seminar held in English they worked in English, so their profile says so (only what is
    missing is added)."""
    offered = list(seminar.working_languages or ["en"])
    completed = 0
    for application in participants(seminar):
        profile = getattr(application.user, "profile", None)
        spoken = list(profile.working_languages or []) if profile else []
        if profile and spoken and not set(spoken) & set(offered):
            profile.working_languages = [*spoken, offered[0]]
            profile.save(update_fields=["working_languages"])
            completed += 1
    return completed


def seed_groups() -> dict:
    """Idempotent: slots that already have groups are left as they are."""
    manager = User.objects.filter(email=MANAGER).first()
    done, diversity, random_diversity, rules = 0, [], [], 0
    for seminar in Seminar.objects.filter(status=Seminar.Status.HELD).order_by("start_date"):
        complete_languages(seminar)
        rules += seed_rules(seminar, manager)
        for slot in slots_of(seminar):
            if slot.workshop is not None and slot.workshop.groups.exists():
                continue
            problem, _applications = problem_for(seminar, slot)
            if checks.problems(problem, trainers=len(slot.trainers)):
                continue  # cannot happen with the demo data; a real slot would say why
            workshop = slot.workshop or Workshop.objects.create(seminar=seminar, start=slot.start)
            run = AllocationRun.objects.create(
                workshop=workshop,
                created_by=manager,
                params={"groups": problem.groups, "size": None, "time_limit": TIME_LIMIT},
            )
            run = run_allocation(run=run, report_progress=False)
            if run.status != AllocationRun.Status.DONE:
                continue
            publish_groups(workshop=workshop, publish=True, by=manager)
            done += 1
            diversity.append(run.result["overall"]["diversity"])
            random_diversity.append(run.result["random"]["diversity"])
    return {
        "workshops": done,
        "rules": rules,
        "diversity": round(mean(diversity), 3) if diversity else None,
        "random": round(mean(random_diversity), 3) if random_diversity else None,
    }
