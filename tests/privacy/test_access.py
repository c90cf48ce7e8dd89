"""Who may download their data and delete their account (crossborder/access/privacy.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from crossborder import access

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "download", "delete"),
    [
        ("participant", True, True),
        ("trainer", True, True),
        ("manager", True, True),
        ("funder", True, True),
        ("admin_user", True, False),  # another administrator first takes the role away
    ],
)
def test_each_role_downloads_and_all_but_administrators_delete(role, download, delete, request):
    user = request.getfixturevalue(role)
    assert access.can_download_own_data(user) is download
    assert access.can_delete_own_account(user) is delete


def test_visitors_and_deactivated_accounts_may_do_neither(participant):
    assert not access.can_download_own_data(AnonymousUser())
    assert not access.can_delete_own_account(AnonymousUser())
    participant.is_active = False
    assert not access.can_download_own_data(participant)
    assert not access.can_delete_own_account(participant)
