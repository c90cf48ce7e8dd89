"""The permission matrix: every decision in crossborder/access.py, for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from crossborder import access
from crossborder.accounts.models import Vetting
from crossborder.navigation import menu, navigation
from tests.factories import make_profile

ROLES = ["participant", "trainer", "manager", "funder", "admin_user"]

MATRIX = {
    #                       participant trainer manager funder admin
    "is_signed_in": [True, True, True, True, True],
    "is_programme_staff": [False, False, True, False, True],
    "can_list_people": [False, False, True, False, True],
    "can_read_audit": [False, False, False, False, True],
    "can_see_aggregates": [False, False, True, True, True],
    "can_use_api_tokens": [False, True, True, True, True],
    "can_use_admin_site": [False, False, False, False, True],
    "must_set_up_mfa": [False, False, True, False, True],
    "can_manage_programme": [False, False, True, False, True],
    "can_choose_sessions": [True, True, True, True, True],
    "can_use_grading_queue": [False, True, True, False, True],
    "can_regrade": [False, False, True, False, True],
    "may_own_modules": [False, True, False, False, False],
    "can_author": [False, True, True, False, True],
    "can_assign_module_owners": [False, False, True, False, True],
    "can_edit_library": [False, False, True, False, True],
    "can_manage_knowledge_tests": [False, False, True, False, True],
    "can_see_seminar_evaluation": [False, False, True, False, True],
    "can_manage_surveys": [False, False, True, False, True],
    "can_answer_surveys": [True, True, True, True, True],
    "can_view_indicators": [False, False, True, True, True],
    "can_see_small_cells": [False, False, True, False, True],
    "can_request_funder_report": [False, False, True, True, True],
    "sees_learner_cards": [True, False, False, False, False],
    "sees_programme_attention": [False, False, True, False, True],
    "sees_speaker_cards": [False, True, False, False, False],
    "can_browse_exercises": [False, True, True, False, True],
    "can_have_wallet": [True, True, True, True, True],
    "can_issue_credentials": [False, False, True, False, True],
    "can_revoke_credentials": [False, False, True, False, True],
}


@pytest.mark.parametrize("decision", sorted(MATRIX))
def test_it_answers_each_role_as_the_matrix_says(decision, request):
    users = [request.getfixturevalue(name) for name in ROLES]
    answers = [getattr(access, decision)(user) for user in users]
    assert answers == MATRIX[decision]
    assert getattr(access, decision)(AnonymousUser()) is False


def test_it_lets_people_see_only_their_own_profile(participant, trainer, manager):
    other = make_profile(trainer, profession="civil_society", country="FR", organisation="X")
    own = participant.profile
    assert access.can_view_profile(participant, own)
    assert not access.can_view_profile(participant, other)
    assert access.can_view_profile(manager, other)
    assert access.can_edit_profile(participant, own)
    assert not access.can_edit_profile(manager, own)


def test_it_shows_history_and_restores_to_whoever_may_edit_the_item(
    participant, trainer, manager, funder, admin_user
):
    from crossborder.learning.models import Lesson, Module, Question
    from crossborder.library.models import Entry

    module = Module.objects.create(slug="m", title="M", level="public", status="draft")
    module.owners.add(trainer)
    others = Module.objects.create(slug="n", title="N", level="public")
    lesson = Lesson.objects.create(module=module, order=1, slug="l", title="L", body="B")
    question = Question.objects.create(module=module, key="q", kind="short", text="T")
    entry = Entry(slug="e", kind="guidance", title="E", access="public")
    users = [participant, trainer, manager, funder, admin_user]
    for item in (module, lesson, question):
        assert [access.can_edit_item(u, item) for u in users] == [False, True, True, False, True]
    assert [access.can_edit_item(u, others) for u in users] == [False, False, True, False, True]
    assert [access.can_edit_item(u, entry) for u in users] == [False, False, True, False, True]
    assert not access.can_edit_item(AnonymousUser(), module)
    # Lists: a draft only for its editors, the owners read once.
    modules = Module.objects.all()
    assert [m.slug for m in access.openable_modules(participant, modules)] == ["n"]
    assert [m.slug for m in access.openable_modules(trainer, modules)] == ["m", "n"]
    assert [m.slug for m in access.openable_modules(AnonymousUser(), modules)] == ["n"]


def test_it_forbids_vetting_yourself(manager, participant):
    own = make_profile(manager, profession="other_authority")
    assert access.can_vet(manager, participant.profile)
    assert not access.can_vet(manager, own)
    assert not access.can_vet(participant, participant.profile)


def test_it_opens_restricted_material_only_to_vetted_people(participant, funder, admin_user):
    assert not access.can_see_restricted(participant)
    participant.profile.vetting = Vetting.VERIFIED
    participant.profile.save()
    assert access.can_see_restricted(participant)
    assert not access.can_see_restricted(funder)  # no profile
    assert access.can_see_restricted(admin_user)


def test_it_lets_trainers_and_staff_grade_essays_of_modules_they_may_open(
    participant, trainer, manager, funder, admin_user
):
    from crossborder.learning.models import Module

    public = Module(slug="open", level="public")
    restricted = Module(slug="closed", level="restricted")
    grades = lambda module: [  # noqa: E731
        access.can_grade_essays(u, module)
        for u in (participant, trainer, manager, funder, admin_user)
    ]
    assert grades(public) == [False, True, True, False, True]
    assert grades(restricted) == [False, False, True, False, True]
    assert not access.can_grade_essays(AnonymousUser(), public)
    make_profile(trainer, profession="prosecutor", vetting=Vetting.VERIFIED)
    trainer.refresh_from_db()
    assert access.can_grade_essays(trainer, restricted)  # a vetted trainer
    for user in (participant, trainer, manager, funder, admin_user):  # one rule, two forms
        for module in (public, restricted):
            assert access.can_open_module(user, module) == (
                module.level in access.module_levels(user)
            )


def test_it_lets_trainers_edit_only_the_modules_they_own(
    participant, trainer, manager, funder, admin_user
):
    from crossborder.learning.models import Module

    mine = Module.objects.create(slug="mine", title="Mine", level="public", status="draft")
    mine.owners.add(trainer)
    other = Module.objects.create(slug="other", title="Other", level="public", status="draft")
    people = (participant, trainer, manager, funder, admin_user)
    assert [access.can_edit_module(u, mine) for u in people] == [False, True, True, False, True]
    assert [access.can_edit_module(u, other) for u in people] == [False, False, True, False, True]
    for user in (*people, AnonymousUser()):  # the list and the single decision agree
        listed = set(access.editable_modules(user, Module.objects.all()))
        assert listed == {m for m in (mine, other) if access.can_edit_module(user, m)}
    assert [access.can_open_module(u, mine) for u in people] == [False, True, True, False, True]
    trainer.is_active = False
    assert not access.can_edit_module(trainer, mine)


def test_it_denies_everything_to_deactivated_accounts(manager):
    manager.is_active = False
    assert not access.is_programme_staff(manager)
    assert not access.can_list_people(manager)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "participant",
            [
                "dashboard",
                "seminars",
                "modules",
                "library",
                "labs",
                "network",
                "network-cohorts",
                "referrals",
                "profile",
                "wallet",
                "my-data",
            ],
        ),
        (
            "trainer",
            [
                *(
                    "dashboard",
                    "seminars",
                    "modules",
                    "library",
                    "labs",
                    "network",
                    "network-cohorts",
                    "referrals",
                    "grading-queue",
                ),
                *("author-home", "profile", "wallet", "api-tokens", "my-data"),
            ],
        ),
        (
            "manager",
            [
                "dashboard",
                "seminars",
                "modules",
                "library",
                "labs",
                "grading-queue",
                "author-home",
                "manage-seminars",
                "people",
                "network",
                "network-reports",
                "indicators",
                "referral-approvals",
                "profile",
                "wallet",
                "api-tokens",
                "my-data",
            ],
        ),
        (
            "funder",
            [
                "dashboard",
                "seminars",
                "modules",
                "library",
                "labs",
                "referrals",
                "indicators",
                "profile",
                "wallet",
                "api-tokens",
                "my-data",
            ],
        ),
        (
            "admin_user",
            [
                *(
                    "dashboard",
                    "seminars",
                    "modules",
                    "library",
                    "labs",
                    "grading-queue",
                    "author-home",
                    "manage-seminars",
                    "people",
                    "network",
                    "network-reports",
                    "indicators",
                    "referral-approvals",
                    "audit-log",
                ),
                *("admin", "profile", "wallet", "api-tokens", "my-data"),
            ],
        ),
    ],
)
def test_it_builds_the_menu_for_each_role(role, expected, request):
    user = request.getfixturevalue(role)
    assert [item.name for item in navigation(user)] == expected


@pytest.mark.parametrize(
    ("role", "bar", "groups"),
    [
        (
            "participant",
            ["dashboard", "seminars", "modules", "library", "labs"],
            {
                "network": ["network", "network-cohorts", "referrals"],
                "account": ["profile", "wallet", "my-data"],
            },
        ),
        (
            "funder",
            ["dashboard", "seminars", "modules", "library", "labs", "referrals", "indicators"],
            {"account": ["profile", "wallet", "api-tokens", "my-data"]},
        ),
        (
            "admin_user",
            [
                *("dashboard", "seminars", "modules", "library", "labs"),
                *("grading-queue", "author-home"),
            ],
            {
                "manage": [
                    "manage-seminars",
                    "people",
                    "network",
                    "network-reports",
                    "indicators",
                    "referral-approvals",
                    "audit-log",
                    "admin",
                ],
                "account": ["profile", "wallet", "api-tokens", "my-data"],
            },
        ),
    ],
)
def test_it_groups_the_network_staff_and_account_pages_behind_disclosures(
    role, bar, groups, request
):
    entries = menu(request.getfixturevalue(role))
    assert [e.name for e in entries if not getattr(e, "is_group", False)] == bar
    assert {
        e.name: [i.name for i in e.items] for e in entries if getattr(e, "is_group", False)
    } == (groups)
    assert entries[-1].name == "account"  # with Sign out, at the end of the bar


def test_it_shows_a_visitor_no_groups(db):
    from django.contrib.auth.models import AnonymousUser

    assert [e.name for e in menu(AnonymousUser())] == ["home", "seminars", "modules", "library"]


def test_it_keeps_staff_from_removing_their_authenticator_app(manager, participant):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from crossborder.accounts.adapter import MFAAdapter
    from tests.factories import TOTP_SECRET

    staff_totp = Authenticator.objects.get(user=manager, type=Authenticator.Type.TOTP)
    own_totp = TOTP.activate(participant, TOTP_SECRET).instance
    assert not MFAAdapter().can_delete_authenticator(staff_totp)
    assert MFAAdapter().can_delete_authenticator(own_totp)


def test_it_lets_the_question_bank_be_edited_by_its_owners_and_programme_staff(
    participant, trainer, manager, funder, admin_user
):
    """The question bank editor asks can_edit_module(user, question.module)."""
    from crossborder.learning.models import Module, Question

    module = Module.objects.create(slug="owned", title="Owned", level="public", status="draft")
    question = Question.objects.create(module=module, key="q", kind="description", text="x")
    users = [participant, trainer, manager, funder, admin_user]
    assert [access.can_edit_module(u, question.module) for u in users] == [
        False,
        False,
        True,
        False,
        True,
    ]
    module.owners.add(trainer)
    assert [access.can_edit_module(u, question.module) for u in users] == [
        False,
        True,
        True,
        False,
        True,
    ]
    assert access.can_edit_module(AnonymousUser(), module) is False


@pytest.mark.parametrize(
    ("status", "pre", "post"),
    [
        ("submitted", False, False),
        ("selected", False, False),
        ("waitlisted", False, False),
        ("confirmed", True, True),
        ("attended", True, True),
        ("no_show", False, False),
        ("withdrawn", False, False),
    ],
)
def test_it_lets_only_seat_holders_sit_their_own_knowledge_tests(
    participant, trainer, status, pre, post
):
    from crossborder.enrolment.models import Application

    mine = Application(user=participant, status=status)
    assert access.can_sit_knowledge_test(participant, mine, "pre") is pre
    assert access.can_sit_knowledge_test(participant, mine, "post") is post
    assert access.can_sit_knowledge_test(trainer, mine, "pre") is False  # not theirs
    assert access.can_sit_knowledge_test(participant, None, "pre") is False
    assert access.can_sit_knowledge_test(participant, mine, "during") is False
    assert access.can_sit_knowledge_test(AnonymousUser(), mine, "pre") is False
