"""Allocating workshop groups as a workflow: checked and queued by the manager, solved by a
background task outside any transaction, stored atomically (replacing the slot's groups),
then adjusted by moving people and published to participants."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from ..models import AllocationRun, Group, Membership, PairingRule, Workshop
from . import checks
from .people import normalise_organisation, participants, problem_for, profile_of, slot_at
from .scores import evaluate, random_baseline
from .solver import Infeasible, NoSolution, Problem

DEFAULT_TIME_LIMIT = 10.0
MAX_GROUPS = 100
PENDING = (AllocationRun.Status.QUEUED, AllocationRun.Status.RUNNING)


class AllocationError(Exception):
    """What the manager asked cannot be done; `messages` say why, in words."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__(" ".join(str(m) for m in self.messages))


def _refuse_if_drafts(workshop: Workshop) -> None:
    from ..models import Draft

    if Draft.objects.filter(group__workshop=workshop).exists():
        raise AllocationError(
            _(
                "The groups of this workshop have written drafts in an exercise; allocating "
                "again would delete them. Move people by hand instead."
            )
        )


@transaction.atomic
def start_allocation(
    *, seminar, slot_key: int, groups=None, size=None, by, time_limit=DEFAULT_TIME_LIMIT
) -> AllocationRun:
    """Check a slot's constraints and queue its allocation; the task solve_allocation solves
    it. Nothing is saved when the constraints cannot all hold (AllocationError says why)."""
    from .tasks import solve_allocation

    slot = slot_at(seminar, slot_key)
    if slot is None:
        raise AllocationError(_("This seminar has no workshop slot at that time."))
    if groups is not None and not 1 <= groups <= MAX_GROUPS:
        raise AllocationError(_("Choose between 1 and %(max)d groups.") % {"max": MAX_GROUPS})
    if size is not None and size < 2:
        raise AllocationError(_("A group needs at least two people."))
    problem, _applications = problem_for(seminar, slot, groups=groups, size=size)
    found = checks.problems(problem, trainers=len(slot.trainers))
    if found:
        raise AllocationError(found)
    workshop, _created = Workshop.objects.get_or_create(seminar=seminar, start=slot.start)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.runs.filter(
        status__in=PENDING, created_at__gte=timezone.now() - AllocationRun.STUCK_AFTER
    ).exists():
        raise AllocationError(_("An allocation of this workshop is already running."))
    _refuse_if_drafts(workshop)
    run = AllocationRun.objects.create(
        workshop=workshop,
        created_by=by,
        params={"groups": problem.groups, "size": size, "time_limit": time_limit},
        status=AllocationRun.Status.QUEUED,
    )
    record(actor=by, action="workshop.allocation.start", obj=run, details=run.params)
    transaction.on_commit(partial(solve_allocation.enqueue, run_id=run.pk))
    return run


def run_allocation(*, run: AllocationRun, report_progress: bool = True) -> AllocationRun:
    """Solve a queued run. Not atomic on purpose: the solver may take seconds and holds no
    transaction open meanwhile; claiming the run, its progress and its result write."""
    from .solver import solve

    claimed = AllocationRun.objects.filter(pk=run.pk, status=AllocationRun.Status.QUEUED).update(
        status=AllocationRun.Status.RUNNING
    )
    if not claimed:  # already solved (or being solved) by another worker
        run.refresh_from_db()
        return run
    workshop = run.workshop
    seminar = workshop.seminar
    slot = slot_at(seminar, int(workshop.start.timestamp()))
    if slot is None:
        return fail_allocation(run=run, message=_("This workshop is no longer on the timetable."))
    problem, _applications = problem_for(seminar, slot, groups=run.params.get("groups"))
    found = checks.problems(problem, trainers=len(slot.trainers))
    if found:
        return fail_allocation(run=run, message=" ".join(found))
    baseline = random_baseline(problem.people, problem.groups, problem.previous)

    def progress(data):
        assignment = data.pop("assignment", None)
        if assignment:
            split = [[] for _ in range(problem.groups)]
            for person, g in zip(problem.people, assignment, strict=True):
                split[g].append(person)
            data["diversity"] = round(evaluate(split, problem.previous)["overall"]["diversity"], 4)
        AllocationRun.objects.filter(pk=run.pk).update(progress=data)

    try:
        allocation = solve(
            problem,
            time_limit=float(run.params.get("time_limit") or DEFAULT_TIME_LIMIT),
            on_progress=progress if report_progress else None,
        )
    except Infeasible as error:
        return fail_allocation(
            run=run, message=checks.solver_failure(error.families, problem.groups)
        )
    except NoSolution:
        return fail_allocation(
            run=run,
            message=_(
                "The solver found no allocation in the time allowed. Allocate again with a "
                "longer time or fewer pairing rules."
            ),
        )
    except Exception:
        fail_allocation(run=run, message=_("The solver stopped with an error. Try again."))
        raise  # the task is marked failed too, with the traceback for the operators
    return store_allocation(
        run=run, problem=problem, allocation=allocation, trainers=slot.trainers, baseline=baseline
    )


def result_of(problem: Problem, allocation, baseline: dict) -> dict:
    by_id = {p.id: p for p in problem.people}
    scores = evaluate([[by_id[i] for i in g] for g in allocation.groups], problem.previous)
    random_penalty = max(baseline["penalty"], 1)
    return {
        "status": allocation.status,
        "objective": allocation.objective,
        "bound": allocation.bound,
        # Share of a random allocation's imbalance the best allocation might still remove:
        # "within x % of the proven best".
        "gap": round(max(0.0, allocation.objective - allocation.bound) / random_penalty, 4),
        "seconds": allocation.seconds,
        "solutions": allocation.solutions,
        "people": len(problem.people),
        "groups": len(allocation.groups),
        "overall": scores["overall"],
        "repeats": scores["repeats"],
        "random": baseline,
    }


@transaction.atomic
def store_allocation(*, run, problem, allocation, trainers, baseline) -> AllocationRun:
    """Replace the workshop's groups and members by the allocation found."""
    workshop = Workshop.objects.select_for_update().get(pk=run.workshop_id)
    try:
        _refuse_if_drafts(workshop)
    except AllocationError as error:
        return fail_allocation(run=run, message=str(error))
    workshop.groups.all().delete()  # and their memberships
    groups = Group.objects.bulk_create(
        Group(
            workshop=workshop,
            number=g + 1,
            trainer=trainers[g][0],
            session=trainers[g][1],
            language=allocation.languages[g],
        )
        for g in range(len(allocation.groups))
    )
    Membership.objects.bulk_create(
        Membership(workshop=workshop, group=groups[g], application_id=person)
        for g, members in enumerate(allocation.groups)
        for person in members
    )
    was_published = workshop.published_at is not None
    workshop.published_at = None  # the manager reviews new groups before people see them
    workshop.save(update_fields=["published_at"])
    run.result = result_of(problem, allocation, baseline)
    run.status = AllocationRun.Status.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "status", "finished_at"])
    record(
        actor=run.created_by,
        action="workshop.allocate",
        obj=workshop,
        details={
            "run": run.pk,
            "groups": len(groups),
            "diversity": round(run.result["overall"]["diversity"], 4),
            "random": round(baseline["diversity"], 4),
            "unpublished": was_published,
        },
    )
    return run


@transaction.atomic
def fail_allocation(*, run: AllocationRun, message: str) -> AllocationRun:
    run.status = AllocationRun.Status.FAILED
    run.error = str(message)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    record(
        actor=run.created_by,
        action="workshop.allocation.fail",
        obj=run,
        details={"error": run.error},
    )
    return run


def move_refusal(membership: Membership, target: Group, members: list[Membership], rules) -> str:
    """Why moving a person into `target` would break a hard constraint ('' when it would not).
    `members` are the workshop's memberships with their applications."""
    application = membership.application
    staying = [m for m in members if m.group_id == target.pk and m.pk != membership.pk]
    name = application.user.get_full_name() or application.user.email
    org = normalise_organisation(application.organisation)
    for other in staying:
        if org and normalise_organisation(other.application.organisation) == org:
            return _(
                "%(name)s cannot join group %(group)d: %(other)s of the same organisation "
                "(%(organisation)s) is in it."
            ) % {
                "name": name,
                "group": target.number,
                "other": other.application.user.get_full_name(),
                "organisation": application.organisation,
            }
    profile = profile_of(application)
    spoken = set(profile.working_languages or []) if profile else set()
    if spoken and target.language and target.language not in spoken:
        return _("%(name)s does not speak %(language)s, the language of group %(group)d.") % {
            "name": name,
            "language": checks.language_names([target.language]),
            "group": target.number,
        }
    in_target = {m.application_id for m in staying}
    others = {m.application_id: m for m in members}
    for rule in rules:
        pair = {rule.first_id, rule.second_id}
        if application.pk not in pair:
            continue
        (partner,) = pair - {application.pk}
        if partner not in others:
            continue
        partner_name = others[partner].application.user.get_full_name()
        if rule.kind == PairingRule.Kind.APART and partner in in_target:
            return _(
                "%(name)s and %(other)s are to be kept apart (%(reason)s), and %(other)s is in "
                "group %(group)d."
            ) % {
                "name": name,
                "other": partner_name,
                "reason": rule.note or _("no reason given"),
                "group": target.number,
            }
        if rule.kind == PairingRule.Kind.TOGETHER and partner not in in_target:
            return _(
                "%(name)s and %(other)s are to be kept together (%(reason)s): move them both, "
                "or remove the rule first."
            ) % {"name": name, "other": partner_name, "reason": rule.note or _("no reason given")}
    return ""


@transaction.atomic
def move_member(*, workshop: Workshop, membership_id: int, group_id: int, by) -> list[str]:
    """Move one person to another group of the same workshop. A move that breaks a hard
    constraint is refused (AllocationError with the reason); one that makes the group sizes
    uneven is made, and the warnings say so."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    members = list(
        Membership.objects.filter(workshop=workshop).select_related("application__user__profile")
    )
    membership = next((m for m in members if m.pk == membership_id), None)
    target = Group.objects.filter(workshop=workshop, pk=group_id).first()
    if membership is None or target is None:
        raise AllocationError(_("This person or group is not part of this workshop."))
    if membership.group_id == target.pk:
        raise AllocationError(_("This person is already in that group."))
    rules = list(PairingRule.objects.filter(seminar_id=workshop.seminar_id))
    reason = move_refusal(membership, target, members, rules)
    if reason:
        raise AllocationError(reason)
    source = membership.group_id
    membership.group = target
    membership.moved_by = by
    membership.save(update_fields=["group", "moved_by"])
    record(
        actor=by,
        action="workshop.group.move",
        obj=membership,
        details={"application": membership.application_id, "from": source, "to": target.pk},
    )
    counts = {}
    for m in members:
        counts[m.group_id] = counts.get(m.group_id, 0) + 1
    counts[source] -= 1
    counts[target.pk] = counts.get(target.pk, 0) + 1
    if max(counts.values()) - min(counts.values()) > 1:
        return [_("The groups now differ in size by more than one person.")]
    return []


@transaction.atomic
def add_pairing_rule(
    *, seminar, first_id: int, second_id: int, kind: str, note: str, by
) -> PairingRule:
    """Keep two participants apart or together in every workshop of the seminar."""
    if kind not in PairingRule.Kind.values:
        raise AllocationError(_("Choose whether to keep the two apart or together."))
    if first_id == second_id:
        raise AllocationError(_("Choose two different people."))
    taking_part = {a.pk for a in participants(seminar)}
    if first_id not in taking_part or second_id not in taking_part:
        raise AllocationError(_("Both people must be participants of this seminar."))
    existing = PairingRule.objects.filter(
        seminar=seminar, first_id__in=[first_id, second_id], second_id__in=[first_id, second_id]
    ).first()
    if existing:
        raise AllocationError(
            _("There is already a rule for these two (%(rule)s); remove it first.")
            % {"rule": existing.get_kind_display()}
        )
    rule = PairingRule.objects.create(
        seminar=seminar,
        first_id=first_id,
        second_id=second_id,
        kind=kind,
        note=note.strip(),
        created_by=by,
    )
    record(actor=by, action="workshop.rule.add", obj=rule, details={"kind": kind})
    return rule


@transaction.atomic
def remove_pairing_rule(*, rule: PairingRule, by) -> None:
    record(actor=by, action="workshop.rule.remove", obj=rule, details={"kind": rule.kind})
    rule.delete()


@transaction.atomic
def publish_groups(*, workshop: Workshop, publish: bool, by) -> Workshop:
    """Show the groups to participants (or hide them again)."""
    if publish and not workshop.groups.exists():
        raise AllocationError(_("Allocate the groups before publishing them."))
    workshop.published_at = timezone.now() if publish else None
    workshop.save(update_fields=["published_at"])
    record(actor=by, action="workshop.publish" if publish else "workshop.unpublish", obj=workshop)
    return workshop
