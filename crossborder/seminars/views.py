"""Public programme pages (cached), calendars, the printable programme, and the manager's editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.curriculum.models import Tag
from crossborder.library.models import Entry

from . import calendars, seminar_day, services
from .coverage import compute_coverage
from .forms import DuplicateForm, SeminarForm, SessionForm, SpeakerForm, StatusForm
from .models import Attendance, CalendarToken, Programme, Seminar, Session, Speaker
from .timetable import timetable_days

CACHE_SECONDS = 24 * 3600
# What a cached seminar page needs besides its cached body.
PAGE_FIELDS = ("pk", "slug", "status", "updated_at", "title", "title_fr", "title_de")


def _seminar_for(request, slug, queryset=None) -> Seminar:
    seminar = get_object_or_404(Seminar if queryset is None else queryset, slug=slug)
    if not access.can_view_seminar(request.user, seminar):
        raise Http404  # a draft does not exist for visitors
    return seminar


def _full_seminar(pk, levels=frozenset({"public"})) -> Seminar:
    """The seminar with everything its page shows, in a fixed number of queries; library
    entries only at the access levels given (see access.library_levels)."""
    entries = (
        Entry.objects.readable_at(levels)
        .only("pk", "slug", "title", "title_fr", "title_de")
        .order_by("title")
    )
    sessions = Session.objects.select_related("chair").prefetch_related(
        "speakers", "tags", Prefetch("library_entries", queryset=entries)
    )
    return (
        Seminar.objects.select_related("venue", "programme")
        .prefetch_related("tags", Prefetch("sessions", queryset=sessions))
        .get(pk=pk)
    )


def seminar_list(request):
    seminars = list(
        Seminar.objects.public().select_related("venue").order_by("start_date")
        if not access.can_manage_programme(request.user)
        else Seminar.objects.select_related("venue").order_by("start_date")
    )
    today = timezone.localdate()
    return render(
        request,
        "seminars/list.html",
        {
            "upcoming": [s for s in seminars if s.end_date >= today],
            "past": [s for s in seminars if s.end_date < today][::-1],
            "programme": Programme.objects.first(),
        },
    )


def seminar_detail(request, slug):
    """The seminar page. Its timetable is rendered once per language and version, then cached."""
    seminar = _seminar_for(
        request,
        slug,
        Seminar.objects.select_related("call").only(
            *PAGE_FIELDS, "call__id", "call__opens_at", "call__closes_at"
        ),
    )
    levels = access.library_levels(request.user)
    key = (
        f"seminar-page:{seminar.pk}:{seminar.updated_at.timestamp()}:{get_language()}:"
        + "-".join(sorted(levels))
    )
    body = cache.get(key) if seminar.is_public else None
    if body is None:
        full = _full_seminar(seminar.pk, levels)
        body = render_to_string(
            "seminars/_seminar_body.html",
            {"seminar": full, "days": timetable_days(full), "LANGUAGE_CODE": get_language()},
        )
        if seminar.is_public:
            cache.set(key, body, CACHE_SECONDS)
    call = getattr(seminar, "call", None)  # fetched with the seminar: no extra query
    chosen, knowledge_due, my_groups = None, [], []
    if access.can_choose_sessions(request.user):
        chosen = Attendance.objects.filter(user=request.user, session__seminar=seminar).count()
        from crossborder.workshops.allocation.board import groups_of_participant

        my_groups = groups_of_participant(request.user, seminar)
        from crossborder.evaluation.knowledge.services import tests_due

        knowledge_due = [d for d in tests_due(request.user) if d.test.seminar_id == seminar.pk]
    offline = False
    if access.sees_learner_cards(request.user):
        from crossborder.enrolment.models import Application

        application = Application.objects.filter(user=request.user, call__seminar=seminar).first()
        offline = access.can_keep_offline_copy(request.user, application)
    response = render(
        request,
        "seminars/detail.html",
        {
            "seminar": seminar,
            "body": body,
            "chosen": chosen,
            "call_open": call is not None and call.is_open(),
            "call": call,
            "knowledge_due": knowledge_due,
            "my_groups": my_groups,
            "offline": offline,
            "generated_at": timezone.now(),
        },
    )
    return seminar_day.allow_offline_copy(response) if offline else response


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    sessions = Session.objects.filter(speakers=speaker).select_related("seminar").order_by("start")
    if not access.can_manage_programme(request.user):
        sessions = sessions.exclude(seminar__status=Seminar.Status.DRAFT)
    return render(request, "seminars/speaker.html", {"speaker": speaker, "sessions": sessions})


def seminar_calendar(request, slug):
    seminar = _seminar_for(request, slug)
    sessions = seminar.sessions.exclude(kind=Session.Kind.BREAK).prefetch_related("speakers")
    body = calendars.calendar_for(
        sessions, name=seminar.title, seminar_lookup={seminar.pk: seminar}
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{seminar.slug}.ics"'
    return response


def seminar_pdf(request, slug):
    """The printable A4 programme (WeasyPrint), cached per version and language."""
    seminar = _seminar_for(request, slug, Seminar.objects.only(*PAGE_FIELDS))
    key = f"seminar-pdf:{seminar.pk}:{seminar.updated_at.timestamp()}:{get_language()}"
    pdf = cache.get(key)
    if pdf is None:
        full = _full_seminar(seminar.pk)
        html = render_to_string(
            "seminars/programme_pdf.html",
            {"seminar": full, "days": timetable_days(full), "speakers": _speakers_of(full)},
            request=request,
        )
        from weasyprint import HTML  # 2 s import: only when a PDF is asked for

        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        cache.set(key, pdf, CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{seminar.slug}-programme.pdf"'
    return response


def _speakers_of(seminar) -> list:
    seen = {}
    for session in seminar.sessions.all():
        for speaker in [*session.speakers.all(), *([session.chair] if session.chair else [])]:
            seen[speaker.pk] = speaker
    return sorted(seen.values(), key=lambda s: s.name)


def seminar_coverage(request, slug):
    seminar = _seminar_for(request, slug)
    sessions = seminar.sessions.prefetch_related("tags")
    coverage = compute_coverage(sessions, list(Tag.objects.all()))
    return render(request, "seminars/coverage.html", {"seminar": seminar, "coverage": coverage})


def programme_coverage(request):
    sessions = Session.objects.filter(seminar__in=Seminar.objects.public()).prefetch_related("tags")
    coverage = compute_coverage(sessions, list(Tag.objects.all()))
    seminars = Seminar.objects.public().prefetch_related(
        Prefetch("sessions", queryset=Session.objects.prefetch_related("tags"))
    )
    tags = list(Tag.objects.all())
    per_seminar = [(s, compute_coverage(s.sessions.all(), tags)) for s in seminars]
    return render(
        request,
        "seminars/coverage.html",
        {"coverage": coverage, "per_seminar": per_seminar, "programme": Programme.objects.first()},
    )


@login_required
def choose_sessions(request, slug):
    """Tick the sessions you will attend; they go into your personal calendar feed."""
    seminar = _seminar_for(request, slug)
    if not access.can_choose_sessions(request.user):
        raise PermissionDenied
    sessions = list(seminar.sessions.exclude(kind=Session.Kind.BREAK).order_by("start", "track"))
    valid = {str(s.pk) for s in sessions}
    if request.method == "POST":
        picked = set(request.POST.getlist("session"))
        if picked - valid:
            messages.error(request, _("Some of the chosen sessions are not part of this seminar."))
            return redirect("choose-sessions", slug=slug)
        with transaction.atomic():
            Attendance.objects.filter(user=request.user, session__seminar=seminar).exclude(
                session_id__in=picked
            ).delete()
            for pk in picked:
                Attendance.objects.get_or_create(user=request.user, session_id=int(pk))
            CalendarToken.for_user(request.user)  # the address of the feed they go into
        messages.success(
            request,
            _("Your programme for this seminar is saved (%(n)s sessions).") % {"n": len(picked)},
        )
        return redirect("my-calendar")
    chosen = set(
        Attendance.objects.filter(user=request.user, session__seminar=seminar).values_list(
            "session_id", flat=True
        )
    )
    tz = seminar.tz
    rows = [(s, s.start.astimezone(tz), s.end.astimezone(tz), s.pk in chosen) for s in sessions]
    return render(request, "seminars/choose.html", {"seminar": seminar, "rows": rows})


@login_required
def my_calendar(request):
    if request.method == "POST":
        token = CalendarToken.objects.filter(user=request.user).first()
        if token is None:
            CalendarToken.for_user(request.user)
            messages.success(request, _("Your calendar address is ready."))
        else:
            token.renew()
            messages.success(
                request, _("A new calendar address was made; the old one stops working.")
            )
        return redirect("my-calendar")
    token = CalendarToken.objects.filter(user=request.user).first()  # a GET makes none
    sessions = (
        Session.objects.filter(attendees__user=request.user)
        .select_related("seminar")
        .order_by("start")
    )
    feed_url = token and request.build_absolute_uri(f"/calendar/{token.token}.ics")
    return render(
        request, "seminars/my_calendar.html", {"sessions": sessions, "feed_url": feed_url}
    )


def personal_feed(request, token):
    """The secret-address feed: sessions the person chose, plus those where they speak."""
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token).user
    sessions = (
        (
            Session.objects.filter(attendees__user=owner)
            | Session.objects.filter(speakers__user=owner)
        )
        .distinct()
        .select_related("seminar")
        .prefetch_related("speakers")
    )
    sessions = [s for s in sessions if s.seminar.is_public]
    body = calendars.calendar_for(sessions, name=_("My Crossborder sessions"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- The manager's editor -------------------------------------------------------------------


def _require_manager(request):
    if not access.can_manage_programme(request.user):
        raise PermissionDenied


@login_required
def manage_seminars(request):
    _require_manager(request)
    seminars = Seminar.objects.select_related("venue").order_by("-start_date")
    return render(request, "seminars/manage/list.html", {"seminars": seminars})


@login_required
def manage_seminar(request, slug=None):
    """Create a seminar, or edit one and its timetable."""
    _require_manager(request)
    seminar = get_object_or_404(Seminar, slug=slug) if slug else None
    form = SeminarForm(request.POST or None, instance=seminar)
    if request.method == "POST" and form.is_valid():
        seminar = services.save_seminar(form=form, by=request.user)
        messages.success(request, _("Seminar saved."))
        return redirect("manage-seminar", slug=seminar.slug)
    if seminar and form.errors:
        seminar = Seminar.objects.get(pk=seminar.pk)  # the form has put its invalid values on it
    context = {"form": form, "seminar": seminar}
    if seminar:
        context.update(
            sessions=seminar.sessions.select_related("chair").prefetch_related("speakers", "tags"),
            duplicate_form=DuplicateForm(
                initial={"slug": f"{seminar.slug}-copy", "title": seminar.title}
            ),
            next_statuses=[
                (value, label)
                for value, label in Seminar.Status.choices
                if seminar.can_move_to(value)
            ],
        )
    return render(
        request, "seminars/manage/seminar.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def manage_status(request, slug):
    _require_manager(request)
    seminar = get_object_or_404(Seminar, slug=slug)
    form = StatusForm(request.POST)
    if not form.is_valid() or not seminar.can_move_to(form.cleaned_data["status"]):
        messages.error(request, _("That change of status is not possible from here."))
        return redirect("manage-seminar", slug=slug)
    services.change_status(seminar=seminar, status=form.cleaned_data["status"], by=request.user)
    messages.success(
        request, _("The seminar is now: %(status)s.") % {"status": seminar.get_status_display()}
    )
    return redirect("manage-seminar", slug=slug)


@login_required
@require_POST
def manage_duplicate(request, slug):
    _require_manager(request)
    seminar = get_object_or_404(Seminar, slug=slug)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("manage-seminar", slug=slug)
    copy = services.duplicate_seminar(seminar=seminar, by=request.user, **form.cleaned_data)
    messages.success(request, _("Copied as a draft with its timetable. Check the dates."))
    return redirect("manage-seminar", slug=copy.slug)


@login_required
def manage_session(request, slug=None, session_id=None):
    _require_manager(request)
    if session_id:
        session = get_object_or_404(Session.objects.select_related("seminar"), pk=session_id)
        seminar = session.seminar
    else:
        session, seminar = None, get_object_or_404(Seminar, slug=slug)
    form = SessionForm(request.POST or None, instance=session, seminar=seminar)
    if request.method == "POST" and form.is_valid():
        services.save_session(form=form, by=request.user)
        messages.success(request, _("Session saved."))
        return redirect("manage-seminar", slug=seminar.slug)
    return render(
        request,
        "seminars/manage/session.html",
        {"form": form, "seminar": seminar, "session": session},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def manage_session_delete(request, session_id):
    _require_manager(request)
    session = get_object_or_404(Session.objects.select_related("seminar"), pk=session_id)
    slug = session.seminar.slug
    services.delete_session(session=session, by=request.user)
    messages.success(request, _("Session deleted."))
    return redirect("manage-seminar", slug=slug)


@login_required
def manage_speakers(request, slug=None):
    _require_manager(request)
    speaker = get_object_or_404(Speaker, slug=slug) if slug else None
    form = SpeakerForm(request.POST or None, request.FILES or None, instance=speaker)
    if request.method == "POST" and form.is_valid():
        services.save_speaker(form=form, by=request.user)
        messages.success(request, _("Speaker saved."))
        return redirect("manage-speakers")
    return render(
        request,
        "seminars/manage/speakers.html",
        {"form": form, "speaker": speaker, "speakers": Speaker.objects.all()},
        status=400 if form.errors else 200,
    )
