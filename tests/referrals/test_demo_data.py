"""The demo's referral profiles: published ones in several countries, one new profile and one
contact change waiting for the manager, the NGO's own sign-in, nothing dialable."""

import re

import pytest
from django.contrib.auth import authenticate

from crossborder.demo import people
from crossborder.demo.referrals import NGO_ACCOUNT, seed_referrals
from crossborder.referrals.models import ReferralProfile

pytestmark = pytest.mark.django_db


def test_the_demo_tells_the_referral_story_once():
    people.seed_people()
    assert seed_referrals() == {"created": 6, "published": 5, "waiting": 2}
    assert seed_referrals()["created"] == 0  # a second run adds nothing
    published = ReferralProfile.objects.approved()
    assert len({p.country.code for p in published}) == 5
    assert ReferralProfile.objects.get(status="pending").country.code == "IT"
    changed = ReferralProfile.objects.get(has_pending_changes=True)
    assert [u.email for u in changed.editors.all()] == [NGO_ACCOUNT]
    assert changed.pending_changes == {"hotline": "+351 00 555 0100"}
    assert authenticate(email=NGO_ACCOUNT, password=people.DEMO_PASSWORD) is not None
    assert sum(p.is_stale for p in published) == 1
    for p in ReferralProfile.objects.all():
        for number in (p.phone, p.hotline, *p.pending_changes.values()):
            assert not number or re.fullmatch(r"\+\d{2,3} 00 555 \d{4}", number), number
        assert p.email.endswith(".example")
        assert p.editors.exists()
