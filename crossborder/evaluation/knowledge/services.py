"""Building a seminar's knowledge test, fixing its items, and taking it."""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crossborder import access
from crossborder.audit.models import record
from crossborder.enrolment.models import Application
from crossborder.learning import services as learning
from crossborder.learning.models import Attempt, Quiz

from ..models import FormItem, KnowledgeForm, KnowledgeTest, Letter, Phase, Sitting, form_order
from . import drawing


class KnowledgeError(Exception):
    """Not allowed now; the message says why, for the person who asked."""


def _quiz(test: KnowledgeTest) -> Quiz:
    # All items fixed (draw_count 0), one attempt, answers shown to nobody: the other form is
    # still being taken by other participants.
    return Quiz.objects.create(
        module=None,
        draw_count=0,
        attempts_allowed=1,
        time_limit_minutes=test.time_limit_minutes,
        pass_mark=0,
        shuffle=True,
        feedback=Quiz.Feedback.AFTER_CLOSE,
    )


def _store_draw(test: KnowledgeTest, draw: drawing.Draw) -> None:
    for form in test.forms.all():
        form.items.all().delete()
        rows = [
            FormItem(form=form, question_id=pk, element=element, position=i)
            for i, (pk, element) in enumerate(draw.items[form.letter], 1)
        ]
        FormItem.objects.bulk_create(rows)
        form.quiz.questions.set([pk for pk, _element in draw.items[form.letter]])


def _no_items_message(draw: drawing.Draw) -> str:
    return _(
        "No test was made: the seminar's sessions cover no curriculum cell (element × form of "
        "exploitation) with automatically graded questions in the banks. Tag the sessions with "
        "their elements and forms first."
    )


def draw_notes(draw: drawing.Draw) -> list[str]:
    """What the manager should know about a draw (elements with too few questions)."""
    notes = [
        _("No question in the banks fits element %(element)s as this seminar covers it.")
        % {"element": element.short_local}
        for element in draw.missing
    ]
    notes += [
        ngettext(
            "Element %(element)s has only %(n)s question in each form (too few in the banks).",
            "Element %(element)s has only %(n)s questions in each form (too few in the banks).",
            n,
        )
        % {"element": element.short_local, "n": n}
        for element, n in draw.short
    ]
    return notes


@transaction.atomic
def build_knowledge_test(
    *,
    seminar,
    by,
    items_per_element: int = 4,
    post_open_days: int = 14,
    time_limit_minutes: int = 20,
) -> tuple[KnowledgeTest, list[str]]:
    """Create the seminar's test with two parallel forms drawn from the banks; returns the test
    and notes for the manager. Raises KnowledgeError (nothing stored) when there is already a
    test or no question fits."""
    if KnowledgeTest.objects.filter(seminar=seminar).exists():
        raise KnowledgeError(_("This seminar already has its knowledge test."))
    test = KnowledgeTest(
        seminar=seminar,
        items_per_element=items_per_element,
        post_open_days=post_open_days,
        time_limit_minutes=time_limit_minutes,
        created_by=by if by and by.is_authenticated else None,
    )
    draw = drawing.draw_forms(seminar, per_element=items_per_element, seed=test.seed)
    if draw.empty:
        raise KnowledgeError(_no_items_message(draw))
    test.save()
    for letter in Letter:
        KnowledgeForm.objects.create(test=test, letter=letter, quiz=_quiz(test))
    _store_draw(test, draw)
    record(
        actor=by,
        action="knowledge.build",
        obj=test,
        details={"items_per_form": len(draw.items[Letter.A]), "seed": test.seed},
    )
    return test, draw_notes(draw)


def locked_reason(test: KnowledgeTest, now: datetime | None = None) -> str | None:
    """Why the items can no longer change (None: they can). They are fixed once the pre-test
    has opened to anyone: a person holds a confirmed seat, someone has started a form, or the
    seminar has begun. Otherwise scores of different people would not be comparable."""
    now = now or timezone.now()
    started = Sitting.objects.filter(test=test).count()
    if started:
        return ngettext(
            "%(n)s person has already started the test.",
            "%(n)s people have already started the test.",
            started,
        ) % {"n": started}
    seats = Application.objects.filter(
        call__seminar_id=test.seminar_id, status__in=Application.SEAT_STATUSES
    ).count()
    if seats:
        return ngettext(
            "The pre-test is open: %(n)s participant holds a confirmed seat and may take it now.",
            "The pre-test is open: %(n)s participants hold a confirmed seat and may take it now.",
            seats,
        ) % {"n": seats}
    if now >= test.windows().pre_closes:
        return _("The seminar has started.")
    return None


def _locked_test(test: KnowledgeTest) -> KnowledgeTest:
    test = KnowledgeTest.objects.select_for_update().select_related("seminar").get(pk=test.pk)
    reason = locked_reason(test)
    if reason:
        raise KnowledgeError(
            _("The items can no longer be changed. %(reason)s") % {"reason": reason}
        )
    return test


@transaction.atomic
def replace_item(*, item: FormItem, question_id: int, by) -> FormItem:
    """Put another question of the same element in place of one item (the forms stay
    balanced). Refused once the pre-test has opened, or for a question that does not fit."""
    test = _locked_test(item.form.test)
    item = FormItem.objects.select_related("form__quiz", "element", "question").get(pk=item.pk)
    if item.form.test_id != test.pk:
        raise KnowledgeError(_("This item is not part of this test."))
    allowed = {q.pk for q in drawing.replacements(test, item.element)}
    if question_id not in allowed:
        raise KnowledgeError(
            _(
                "This question cannot replace the item: choose an automatically graded question "
                "of element %(element)s, for a form of exploitation the seminar covers, that is "
                "not in the test yet."
            )
            % {"element": item.element.short_local}
        )
    old = item.question_id
    item.question_id = question_id
    item.save(update_fields=["question"])
    item.form.quiz.questions.remove(old)
    item.form.quiz.questions.add(question_id)
    record(
        actor=by,
        action="knowledge.replace_item",
        obj=test,
        details={
            "form": item.form.letter,
            "position": item.position,
            "from": old,
            "to": question_id,
        },
    )
    return item


@transaction.atomic
def redraw_forms(*, test: KnowledgeTest, by, items_per_element: int | None = None) -> list[str]:
    """Draw both forms again with the next seed (and a new number of items per element)."""
    test = _locked_test(test)
    per_element = items_per_element or test.items_per_element
    draw = drawing.draw_forms(test.seminar, per_element=per_element, seed=test.seed + 1)
    if draw.empty:
        raise KnowledgeError(_no_items_message(draw))
    test.seed += 1
    test.items_per_element = per_element
    test.save(update_fields=["seed", "items_per_element"])
    _store_draw(test, draw)
    record(actor=by, action="knowledge.redraw", obj=test, details={"seed": test.seed})
    return draw_notes(draw)


@transaction.atomic
def change_settings(*, test: KnowledgeTest, by, post_open_days: int, time_limit_minutes: int):
    """The post-test's window and the time limit; the time limit only before anyone starts."""
    test = KnowledgeTest.objects.select_for_update().get(pk=test.pk)
    if time_limit_minutes != test.time_limit_minutes and test.sittings.exists():
        raise KnowledgeError(
            _("The time limit can no longer change: people have already started the test.")
        )
    test.post_open_days = post_open_days
    test.time_limit_minutes = time_limit_minutes
    test.save(update_fields=["post_open_days", "time_limit_minutes"])
    Quiz.objects.filter(knowledge_form__test=test).update(time_limit_minutes=time_limit_minutes)
    record(
        actor=by,
        action="knowledge.settings",
        obj=test,
        details={"post_open_days": post_open_days, "time_limit_minutes": time_limit_minutes},
    )
    return test


def seat_of(test: KnowledgeTest, user) -> Application | None:
    return (
        Application.objects.filter(call__seminar_id=test.seminar_id, user=user)
        .only("pk", "user_id", "status")
        .first()
    )


def refusal(test, phase: str, user, application, windows, now, sitting=None) -> str | None:
    """Why this person may not start the test of `phase` now (None: they may)."""
    if sitting is not None:
        return (
            _("You have already taken the pre-test.")
            if phase == Phase.PRE
            else _("You have already taken the post-test.")
        )
    if not access.can_sit_knowledge_test(user, application, phase):
        if phase == Phase.PRE:
            return _("The pre-test is for participants whose seat is confirmed.")
        return _("The post-test is for the seminar's participants.")
    if phase == Phase.PRE and now >= windows.pre_closes:
        return _("The pre-test closed when the seminar started.")
    if phase == Phase.POST and now < windows.post_opens:
        return _("The post-test opens at the start of the last session, on %(when)s.") % {
            "when": _when(windows.post_opens, test.seminar)
        }
    if phase == Phase.POST and now >= windows.post_closes:
        return _("The post-test closed on %(when)s.") % {
            "when": _when(windows.post_closes, test.seminar)
        }
    return None


def _when(moment, seminar) -> str:
    from django.utils.formats import date_format

    local = timezone.localtime(moment, seminar.tz)
    return f"{date_format(local, 'j F Y')}, {local:%H:%M} ({seminar.time_zone})"


@transaction.atomic
def start_sitting(*, test: KnowledgeTest, phase: str, user) -> Attempt:
    """Start the person's pre- or post-test (or resume it while its time runs) through the quiz
    engine. Raises KnowledgeError with the reason when it is not open to them."""
    if phase not in Phase.values:
        raise KnowledgeError(_("There is no such test."))
    test = KnowledgeTest.objects.select_related("seminar").get(pk=test.pk)
    sitting = (
        Sitting.objects.select_for_update()
        .select_related("attempt__quiz")
        .filter(test=test, user=user, phase=phase)
        .first()
    )
    if sitting is not None and not sitting.taken:
        return sitting.attempt  # resumed: its own deadline still runs
    reason = refusal(
        test, phase, user, seat_of(test, user), test.windows(), timezone.now(), sitting
    )
    if reason:
        raise KnowledgeError(reason)
    letter = _letter(test, phase, user)
    form = KnowledgeForm.objects.select_related("quiz").get(test=test, letter=letter)
    if not form.items.exists():
        raise KnowledgeError(
            _(
                "This test has no questions yet. Please try again later, or write to the "
                "programme team."
            )
        )
    try:
        attempt = learning.start_attempt(quiz=form.quiz, user=user)
        with transaction.atomic():
            sitting = Sitting.objects.create(
                test=test, user=user, phase=phase, form=form, attempt=attempt
            )
    except learning.LearningError as error:
        raise KnowledgeError(str(error)) from error
    except IntegrityError as error:  # a second request of the same person got there first
        raise KnowledgeError(_("Your test was already started in another window.")) from error
    record(actor=user, action="knowledge.start", obj=sitting, details={"form": letter})
    return attempt


def _letter(test: KnowledgeTest, phase: str, user) -> str:
    """The form of this phase: the other one than the person's pre-test if they took it, else
    their counterbalanced order (form_order)."""
    if phase == Phase.POST:
        pre = Sitting.objects.filter(test=test, user=user, phase=Phase.PRE).first()
        if pre is not None:
            return Letter.B if pre.form.letter == Letter.A else Letter.A
    first, second = form_order(test.pk, user.pk)
    return first if phase == Phase.PRE else second


@dataclass(frozen=True)
class Due:
    test: KnowledgeTest
    phase: str
    closes_at: datetime
    url: str
    resume: bool = False  # started, time still running

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label


def tests_due(user, now: datetime | None = None) -> list[Due]:
    """The knowledge tests this person may take now and has not taken, soonest closing first,
    in two queries (for the dashboard, the seminar page and the applications page)."""
    if not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    seats = (
        Application.objects.filter(
            user=user,
            status__in=Application.SEAT_STATUSES,
            call__seminar__knowledge_test__isnull=False,
        )
        .select_related("call__seminar__knowledge_test")
        .annotate(
            first_start=Min("call__seminar__sessions__start"),
            last_start=Max("call__seminar__sessions__start"),
        )
    )
    seats = list(seats)
    if not seats:
        return []
    sittings = {
        (s.test_id, s.phase): s
        for s in Sitting.objects.filter(
            user=user, test__in=[a.call.seminar.knowledge_test for a in seats]
        ).select_related("attempt")
    }
    due = []
    for application in seats:
        test = application.call.seminar.knowledge_test
        test.seminar = application.call.seminar
        windows = test.windows(application.first_start, application.last_start)
        for phase in Phase.values:
            sitting = sittings.get((test.pk, phase))
            if sitting is not None and not sitting.taken:
                due.append(
                    Due(
                        test,
                        phase,
                        sitting.attempt.deadline,
                        sitting.attempt.get_absolute_url(),
                        True,
                    )
                )
                continue
            if refusal(test, phase, user, application, windows, now, sitting):
                continue
            closes = windows.pre_closes if phase == Phase.PRE else windows.post_closes
            due.append(Due(test, phase, closes, test.get_absolute_url()))
    return sorted(due, key=lambda d: d.closes_at)


def item_of(test: KnowledgeTest, item_id) -> FormItem | None:
    """One item of this test (None for an id of another test, or no item at all)."""
    return (
        FormItem.objects.select_related("form__test", "element")
        .filter(pk=item_id, form__test=test)
        .first()
    )
