"""Every permission decision in Crossborder is made here (this package); nothing else compares
roles. Views, the API and templates ask these yes/no functions (the user first, so the test
matrix calls them directly); workshops, labs, credentials and the network decide in modules of
their own, answered from here as well."""

from crossborder.accounts.models import Role

from .base import PROGRAMME_STAFF as PROGRAMME_STAFF
from .base import TOKEN_ROLES as TOKEN_ROLES
from .base import _role, is_admin, is_programme_staff
from .base import is_signed_in as is_signed_in
from .credentials import *  # noqa: F403 (the credentials' decisions, listed in its __all__)
from .labs import *  # noqa: F403 (the investigation lab's decisions, listed in its __all__)
from .network import *  # noqa: F403 (the practitioner directory's decisions, in its __all__)
from .people import *  # noqa: F403 (people, profiles, vetting, audit, tokens: its __all__)
from .people import can_see_aggregates
from .privacy import *  # noqa: F403 (data rights' decisions, listed in its __all__)
from .referrals import *  # noqa: F403 (the NGO referral profiles' decisions, in its __all__)
from .workshops import *  # noqa: F403 (the workshops' decisions, listed in its __all__)


def can_see_restricted(user) -> bool:
    """Restricted material is for vetted judiciary and law enforcement (and administrators)."""
    if _role(user) is None:
        return False
    if is_admin(user):
        return True
    profile = getattr(user, "profile", None)
    return bool(profile and profile.is_vetted)


def can_manage_programme(user) -> bool:
    """Create and edit seminars, sessions and speakers."""
    return is_programme_staff(user)


def can_view_seminar(user, seminar) -> bool:
    """Drafts are for programme staff; everything else is public."""
    return seminar.is_public or can_manage_programme(user)


def can_choose_sessions(user) -> bool:
    """Signed-in people build their own programme and calendar feed."""
    return _role(user) is not None


def can_apply(user) -> bool:
    return _role(user) is not None


def owns_application(user, application) -> bool:
    return _role(user) is not None and application.user_id == user.pk


def can_manage_enrolment(user) -> bool:
    """Calls, selection, waiting list, check-in, attendance and exports."""
    return is_programme_staff(user)


def can_read_application(user, application) -> bool:
    """An application's motivation, answers and documents: its author and programme staff."""
    return owns_application(user, application) or can_manage_enrolment(user)


def can_see_badge(user, application) -> bool:
    return owns_application(user, application) or can_manage_enrolment(user)


def can_open_module(user, module) -> bool:
    """Public modules for everyone, registered ones for signed-in people, restricted ones for
    vetted judiciary and law enforcement. A draft or archived module only for those who may
    edit it (learners never see a draft)."""
    if module.status != "published":
        return can_edit_module(user, module)
    if module.level == "public":
        return True
    if module.level == "registered":
        return _role(user) is not None
    return can_see_restricted(user)


def openable_modules(user, modules) -> list:
    """The modules of a queryset this person may open (as can_open_module decides), with the
    owners read in one query where drafts may be theirs (no query per module)."""
    if may_own_modules(user):
        modules = modules.prefetch_related("owners")
    return [m for m in modules if can_open_module(user, m)]


def may_own_modules(user) -> bool:
    """Trainers may open the drafts they own: whether a list must read modules' owners."""
    return _role(user) == Role.TRAINER


def module_levels(user) -> frozenset[str]:
    """The audience levels of the modules this user may open (as can_open_module decides)."""
    return library_levels(user)


def takes_part(user) -> bool:
    """Signed in as someone who takes part in the programme. The funder observer reads the
    anonymous figures only: an attempt or a practice of theirs would count in those figures."""
    return _role(user) not in (None, Role.FUNDER)


def can_take_quiz(user, module) -> bool:
    return takes_part(user) and can_open_module(user, module)


def can_see_learning_reports(user) -> bool:
    return is_programme_staff(user)


GRADERS = frozenset({Role.TRAINER, Role.MANAGER, Role.ADMIN})


def can_use_grading_queue(user) -> bool:
    """Trainers and programme staff grade essays in the grading queue."""
    return _role(user) in GRADERS


def can_grade_essays(user, module) -> bool:
    """Programme staff grade every module's essays; a trainer those of the modules they may
    open (a restricted module's only when vetted). Participants never grade."""
    if is_programme_staff(user):
        return True
    return _role(user) == Role.TRAINER and can_open_module(user, module)


# --- authoring ---------------------------------------------------------------------------------

AUTHORS = frozenset({Role.TRAINER, Role.MANAGER, Role.ADMIN})


def can_author(user) -> bool:
    """Trainers and programme staff open the authoring pages and create modules."""
    return _role(user) in AUTHORS


def can_edit_module(user, module) -> bool:
    """Programme staff edit every module (its lessons, questions and quiz); a trainer the modules
    they own or are assigned to (`module.owners`; prefetch it when asking for many modules)."""
    if is_programme_staff(user):
        return True
    return _role(user) == Role.TRAINER and any(o.pk == user.pk for o in module.owners.all())


def editable_modules(user, modules):
    """The modules of the queryset `modules` this user may edit (as can_edit_module decides):
    all for programme staff, the ones they own for a trainer, none for anyone else."""
    if is_programme_staff(user):
        return modules
    if _role(user) == Role.TRAINER:
        return modules.filter(owners=user)
    return modules.none()


def can_assign_module_owners(user) -> bool:
    """Only programme staff decide which trainers author a module."""
    return is_programme_staff(user)


def can_regrade(user) -> bool:
    """Re-grading submitted attempts after a key correction changes people's results: programme
    staff only, explicitly, with a preview."""
    return is_programme_staff(user)


def can_edit_library(user) -> bool:
    """Programme staff create and edit library entries of every kind."""
    return is_programme_staff(user)


def can_edit_item(user, obj) -> bool:
    """Whoever may edit a versioned item sees its history and restores a version: a library
    entry as `can_edit_library`, a module, lesson or question as `can_edit_module` of its
    module."""
    from crossborder.learning.models import Module
    from crossborder.library.models import Entry

    if isinstance(obj, Entry):
        return can_edit_library(user)
    return can_edit_module(user, obj if isinstance(obj, Module) else obj.module)


# --- knowledge library -------------------------------------------------------------------------


def library_levels(user) -> frozenset[str]:
    """The access levels of library entries this user may read: public for everyone,
    registered for signed-in people, restricted for vetted judiciary and law enforcement."""
    levels = {"public"}
    if _role(user) is not None:
        levels.add("registered")
    if can_see_restricted(user):
        levels.add("restricted")
    return frozenset(levels)


def can_moderate_library(user) -> bool:
    """Programme managers review submitted practices, ask for changes, publish or decline."""
    return is_programme_staff(user)


def owns_submission(user, entry) -> bool:
    return _role(user) is not None and entry.author_id is not None and entry.author_id == user.pk


def can_view_entry(user, entry) -> bool:
    """A published entry at a level the user may read; a submission for its author and the
    moderators (moderators see restricted submissions only if they may read restricted ones)."""
    if entry.status == "published":
        return entry.access in library_levels(user)
    if owns_submission(user, entry):
        return True
    return can_moderate_library(user) and entry.access in library_levels(user) | {"registered"}


def can_submit_practice(user) -> bool:
    return takes_part(user)


def can_edit_submission(user, entry) -> bool:
    return owns_submission(user, entry) and entry.status in {"submitted", "changes"}


def can_comment_on_entry(user, entry) -> bool:
    """Vetted practitioners discuss published good practices."""
    if entry.kind != "practice" or entry.status != "published" or _role(user) is None:
        return False
    profile = getattr(user, "profile", None)
    return bool(profile and profile.is_vetted) and can_view_entry(user, entry)


# --- surveys -----------------------------------------------------------------------------------


def can_manage_surveys(user) -> bool:
    """Programme staff build the surveys, follow the response rates and read the results."""
    return is_programme_staff(user)


def can_see_non_respondents(user, survey) -> bool:
    """Who has not answered: for programme staff, and only in a named survey."""
    return can_manage_surveys(user) and not survey.anonymous


def can_answer_survey(user, invitation) -> bool:
    """The personal link answers for the person it was sent to: signed out (the link is the
    credential) or signed in as that person, never as somebody else."""
    if not getattr(user, "is_authenticated", False):
        return True
    return _role(user) is not None and invitation.user_id == user.pk


def can_answer_surveys(user) -> bool:
    """Signed-in people see the surveys open for them."""
    return _role(user) is not None


def can_see_speaker_ratings(user, speaker) -> bool:
    """A trainer sees the ratings of their own sessions; programme staff everyone's."""
    if can_manage_surveys(user):
        return True
    return _role(user) is not None and speaker.user_id is not None and speaker.user_id == user.pk


# --- evaluation: indicators and the funder report ------------------------------------------------


def can_view_indicators(user) -> bool:
    """The indicator dashboard and its API: programme staff and the funder observer."""
    return can_see_aggregates(user)


def can_see_small_cells(user) -> bool:
    """Programme staff see the figures as they are; everyone else (the funder observer) sees
    groups of fewer than 5 people as "< 5" and no figure derived from them: pages, charts, API
    and exports (crossborder/evaluation/reports/suppression.py)."""
    return is_programme_staff(user)


def can_request_funder_report(user) -> bool:
    """The funder report is anonymised and suppressed whoever asks for it: staff and funder."""
    return can_see_aggregates(user)


def can_download_funder_report(user, report) -> bool:
    return can_see_aggregates(user)


def must_set_up_mfa(user) -> bool:
    return _role(user) is not None and user.requires_mfa


def can_remove_second_factor(user, authenticator) -> bool:
    """Staff keep their authenticator app; recovery codes can always be regenerated."""
    from allauth.mfa.models import Authenticator

    return not (must_set_up_mfa(user) and authenticator.type == Authenticator.Type.TOTP)


# --- evaluation: knowledge tests ---------------------------------------------------------------

# Who sits a seminar's tests, by phase: the seat holders (confirmed, later attended); a no-show
# takes no post-test. When the tests are open is the test's own affair (KnowledgeTest.windows).
SITTING_STATUSES = {
    "pre": frozenset({"confirmed", "attended"}),
    "post": frozenset({"confirmed", "attended"}),
}


def can_sit_knowledge_test(user, application, phase: str) -> bool:
    """Whether the person may sit the pre- or post-test of the seminar of their application."""
    return (
        application is not None
        and owns_application(user, application)
        and application.status in SITTING_STATUSES.get(phase, ())
    )


def can_manage_knowledge_tests(user) -> bool:
    """Programme staff build a seminar's tests and fix their items."""
    return is_programme_staff(user)


def can_see_seminar_evaluation(user) -> bool:
    """The evaluation page of a seminar lists participants by name: programme staff only (the
    funder observer reads the anonymous indicators instead)."""
    return is_programme_staff(user)


# --- dashboards --------------------------------------------------------------------------------


def sees_learner_cards(user) -> bool:
    """Participants land on their applications, seminars, modules and things to do."""
    return _role(user) == Role.PARTICIPANT


def sees_programme_attention(user) -> bool:
    """Programme staff land on what needs their attention and the programme at a glance."""
    return is_programme_staff(user)


def sees_speaker_cards(user) -> bool:
    """Trainers land on their sessions, their modules and the essays they grade."""
    return _role(user) == Role.TRAINER


# --- the seminar day in the pocket ----------------------------------------------------------
# Whose seat lets them use the seminar-day view and keep offline copies: confirmed, then attended.
POCKET_STATUSES = frozenset({"confirmed", "attended"})


def holds_pocket_seat(user, application) -> bool:
    """The person's own application to a seminar, with a confirmed (or attended) seat."""
    return (
        application is not None
        and owns_application(user, application)
        and application.status in POCKET_STATUSES
    )


def can_see_seminar_now(user, seminar, *, application=None, speaks: bool = False) -> bool:
    """The "now" view of a seminar day: for a participant whose seat there is confirmed (or who
    attended), and for a trainer who speaks at or chairs one of its sessions (`speaks`)."""
    if not seminar.is_public or _role(user) is None:
        return False
    if holds_pocket_seat(user, application) and application.call.seminar_id == seminar.pk:
        return True
    return speaks and _role(user) == Role.TRAINER


def can_keep_offline_copy(user, application) -> bool:
    """Only a confirmed participant's pages of their seminar register the service worker and
    may be cached on the device (programme, "now" view, badge); nobody else's are."""
    return _role(user) == Role.PARTICIPANT and holds_pocket_seat(user, application)
