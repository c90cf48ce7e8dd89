"""Permission decisions of the practitioner directory (crossborder/network/). Each decision is
listed in __all__, so `crossborder.access` answers it like the others.

Cohort spaces: after a seminar was held, the people who attended it, the trainers who spoke at
it and programme staff (the moderators) enter its space; there the members who opted in to the
directory see each other as the directory shows them, and everyone reads the seminar's materials
and writes in its discussion.

Who may search: practitioners (participants and trainers) whose profile is complete (profession,
country and organisation: peers must know who is looking), and programme staff, who moderate.
The funder observer reads anonymous aggregates only, so the directory is not for them.
What a searcher sees of a person is the person's choice: the fields they show, to the audience
they chose (all signed-in practitioners, or only vetted judiciary and law enforcement).
"""

from django.db.models import Exists, OuterRef, Q

from crossborder.accounts.models import Role

from .base import _role, is_admin, is_programme_staff

__all__ = [
    "can_answer_contact_request",
    "can_be_listed",
    "can_contact",
    "can_delete_cohort_post",
    "can_enter_cohort",
    "can_export_directory",
    "can_moderate_cohort",
    "can_moderate_network",
    "can_open_network",
    "can_report_cohort_post",
    "can_search_directory",
    "cohort_seminars",
    "network_audiences",
    "network_fields_visible",
    "sees_contact_email",
]

PRACTITIONER_ROLES = frozenset({Role.PARTICIPANT, Role.TRAINER})
NETWORK_ROLES = PRACTITIONER_ROLES | {Role.MANAGER, Role.ADMIN}


def _profile(user):
    return getattr(user, "profile", None) if _role(user) is not None else None


def can_open_network(user) -> bool:
    """The menu's "Network": practitioners and programme staff (the page then says what a
    practitioner still needs, such as a complete profile)."""
    return _role(user) in NETWORK_ROLES


def can_be_listed(user) -> bool:
    """A practitioner with a complete profile may opt in to the directory."""
    if _role(user) not in PRACTITIONER_ROLES:
        return False
    profile = _profile(user)
    return bool(profile and profile.is_complete)


def can_search_directory(user) -> bool:
    return is_programme_staff(user) or can_be_listed(user)


def network_audiences(user) -> frozenset[str]:
    """The audiences of listings this user may see: "members" for every searcher, "vetted"
    also for vetted judges, prosecutors and law-enforcement officers."""
    if not can_search_directory(user):
        return frozenset()
    profile = _profile(user)
    if profile is not None and profile.is_vetted and profile.can_be_vetted:
        return frozenset({"members", "vetted"})
    return frozenset({"members"})


def network_fields_visible(user, listing) -> frozenset[str]:
    """The fields of `listing` this user sees: the ones the person shows, if the person is
    listed for this user's audience; nothing otherwise. The person sees their own choice."""
    if _role(user) is None:
        return frozenset()
    if listing.user_id == user.pk:
        return listing.shown()
    if not listing.listed or listing.audience not in network_audiences(user):
        return frozenset()
    return listing.shown()


def can_contact(user, listing) -> bool:
    """A listed person this user may see, not themselves; practitioners only (staff have
    their own ways of reaching people)."""
    return (
        can_be_listed(user)
        and listing.user_id != user.pk
        and bool(network_fields_visible(user, listing))
    )


def can_answer_contact_request(user, contact_request) -> bool:
    """Accept, decline, block the sender or report: the recipient of a request."""
    return _role(user) is not None and contact_request.recipient_id == user.pk


def sees_contact_email(user, contact_request) -> bool:
    """Addresses are shown to both people once the recipient accepted, never before."""
    return (
        _role(user) is not None
        and contact_request.is_accepted
        and user.pk in (contact_request.sender_id, contact_request.recipient_id)
    )


def can_moderate_network(user) -> bool:
    """Programme staff read the abuse reports and close them."""
    return is_programme_staff(user)


def can_export_directory(user) -> bool:
    """A bulk export of the directory: administrators only."""
    return is_admin(user)


# --- cohort spaces ---------------------------------------------------------------------------


def cohort_seminars(user):
    """The held (or archived) seminars whose cohort space `user` may enter, newest first: every
    one for programme staff; for a practitioner those they attended, and for a trainer also those
    they spoke at or chaired a session of (one query when evaluated)."""
    from crossborder.enrolment.models import Application
    from crossborder.seminars.models import Seminar, Session

    held = Seminar.objects.filter(
        status__in=[Seminar.Status.HELD, Seminar.Status.ARCHIVED]
    ).order_by("-start_date")
    if is_programme_staff(user):
        return held
    role = _role(user)
    if role not in PRACTITIONER_ROLES:
        return held.none()
    attended = Application.objects.filter(
        user=user, call__seminar=OuterRef("pk"), status=Application.Status.ATTENDED
    )
    rule = Q(Exists(attended))
    if role == Role.TRAINER:
        spoke = Session.objects.filter(seminar=OuterRef("pk")).filter(
            Q(speakers__user=user) | Q(chair__user=user)
        )
        rule |= Q(Exists(spoke))
    return held.filter(rule)


def can_enter_cohort(user, seminar) -> bool:
    """One seminar's cohort space, as cohort_seminars lists them (one query)."""
    return cohort_seminars(user).filter(pk=seminar.pk).exists()


def can_moderate_cohort(user) -> bool:
    """Programme staff hide and show again messages in every cohort's discussion."""
    return is_programme_staff(user)


def can_delete_cohort_post(user, post) -> bool:
    """The author deletes their own message."""
    return _role(user) is not None and post.author_id == user.pk


def can_report_cohort_post(user, post) -> bool:
    """A practitioner reports someone else's message to the moderators."""
    return _role(user) in PRACTITIONER_ROLES and post.author_id not in (None, user.pk)
