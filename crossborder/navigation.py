"""The main menu and what templates may ask about permissions (`access` in every template).

The menu shows what a person may open; each decision is made by crossborder/access.py.
"""

from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from crossborder.access import (
    can_approve_referral_profiles,
    can_author,
    can_create_labs,
    can_download_own_data,
    can_have_wallet,
    can_list_people,
    can_manage_programme,
    can_moderate_network,
    can_open_network,
    can_read_audit,
    can_revoke_credentials,
    can_search_referrals,
    can_see_aggregates,
    can_use_admin_site,
    can_use_api_tokens,
    can_use_grading_queue,
    can_view_indicators,
    is_admin,
    is_programme_staff,
    is_signed_in,
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    name: str
    group: str = ""  # "" in the bar; otherwise the name of the disclosure group it sits in


@dataclass(frozen=True)
class NavGroup:
    """A disclosure in the bar ("Manage ▾", "Account ▾") holding several destinations."""

    name: str
    label: str
    items: tuple[NavItem, ...]
    is_group = True  # what templates ask to tell a group from a NavItem


NETWORK = "network"
MANAGE = "manage"
ACCOUNT = "account"
GROUP_LABELS = {NETWORK: _("Network"), MANAGE: _("Manage"), ACCOUNT: _("Account")}


def navigation(user) -> list[NavItem]:
    """Every destination of the main menu this user may open, in the order shown.

    Everyday destinations first (in the bar), then the staff ones (the "Manage" group), then the
    person's own account (the "Account" group, which also holds Sign out)."""
    seminars = NavItem(_("Seminars"), reverse("seminars"), "seminars")
    modules = NavItem(_("Online modules"), reverse("modules"), "modules")
    library = NavItem(_("Library"), reverse("library"), "library")
    if not is_signed_in(user):
        return [NavItem(_("Home"), reverse("home"), "home"), seminars, modules, library]
    items = [NavItem(_("Dashboard"), reverse("dashboard"), "dashboard"), seminars, modules, library]
    items.append(NavItem(_("Investigation labs"), reverse("labs"), "labs"))
    # The practitioner directory and the NGOs' referral services share a "Network" group in the
    # bar. Programme staff reach both from the Manage group (with the moderation and the
    # approval queue, which links to the search): their bar has no room left.
    network = NavItem(_("Practitioners"), reverse("network"), "network")
    connect = []
    if can_open_network(user) and not can_moderate_network(user):
        connect.append(network)
        connect.append(NavItem(_("My cohorts"), reverse("network-cohorts"), "network-cohorts"))
    if can_search_referrals(user) and not can_approve_referral_profiles(user):
        connect.append(NavItem(_("Referral services"), reverse("referrals"), "referrals"))
    if len(connect) > 1:
        connect = [replace(item, group=NETWORK) for item in connect]
    items.extend(connect)
    if can_use_grading_queue(user):
        items.append(NavItem(_("Essays to grade"), reverse("grading-queue"), "grading-queue"))
    if can_author(user):
        items.append(NavItem(_("Authoring"), reverse("author-home"), "author-home"))
    staff = []
    if can_manage_programme(user):
        staff.append(NavItem(_("Manage programme"), reverse("manage-seminars"), "manage-seminars"))
    if can_list_people(user):
        staff.append(NavItem(_("People"), reverse("people"), "people"))
    if can_moderate_network(user):  # programme staff: the directory and its moderation
        staff.append(replace(network, label=_("Network")))
        staff.append(NavItem(_("Network reports"), reverse("network-reports"), "network-reports"))
    if can_view_indicators(user):
        staff.append(NavItem(_("Indicators"), reverse("indicators"), "indicators"))
    if can_approve_referral_profiles(user):
        staff.append(
            NavItem(_("Referral profiles"), reverse("referral-approvals"), "referral-approvals")
        )
    if can_read_audit(user):
        staff.append(NavItem(_("Audit log"), reverse("audit-log"), "audit-log"))
    if can_use_admin_site(user):
        staff.append(NavItem(_("Administration"), reverse("admin:index"), "admin"))
    # A group of one is no group: a funder's only staff page (Indicators) stays in the bar.
    if len(staff) > 1:
        staff = [replace(item, group=MANAGE) for item in staff]
    items.extend(staff)
    items.append(NavItem(_("My profile"), reverse("profile"), "profile", ACCOUNT))
    if can_have_wallet(user):
        items.append(NavItem(_("My certificates"), reverse("wallet"), "wallet", ACCOUNT))
    if can_use_api_tokens(user):
        items.append(NavItem(_("API tokens"), reverse("api-tokens"), "api-tokens", ACCOUNT))
    if can_download_own_data(user):
        items.append(NavItem(_("My data"), reverse("my-data"), "my-data", ACCOUNT))
    return items


def menu(user) -> list[NavItem | NavGroup]:
    """The main menu as shown: bar items and disclosure groups, in navigation()'s order.

    A signed-in person always gets the Account group, since Sign out lives there."""
    entries: list[NavItem | str] = []  # a str marks where a group goes
    grouped: dict[str, list[NavItem]] = {}
    for item in navigation(user):
        if not item.group:
            entries.append(item)
            continue
        if item.group not in grouped:
            grouped[item.group] = []
            entries.append(item.group)
        grouped[item.group].append(item)
    if getattr(user, "is_authenticated", False) and ACCOUNT not in grouped:
        grouped[ACCOUNT] = []  # signed in without a role (deactivated): still a way to sign out
        entries.append(ACCOUNT)
    return [
        NavGroup(entry, GROUP_LABELS[entry], tuple(grouped[entry]))
        if isinstance(entry, str)
        else entry
        for entry in entries
    ]


class _Access:
    """What templates may ask: `{% if access.programme_staff %}`."""

    def __init__(self, user):
        self.user = user

    @property
    def programme_staff(self):
        return is_programme_staff(self.user)

    @property
    def admin(self):
        return is_admin(self.user)

    @property
    def aggregates(self):
        return can_see_aggregates(self.user)

    @property
    def revoke_credentials(self):
        return can_revoke_credentials(self.user)

    @property
    def create_labs(self):
        return can_create_labs(self.user)

    @property
    def navigation(self):
        return navigation(self.user)

    @property
    def menu(self):
        return menu(self.user)


def context(request):
    """Template context processor: `access` answers permission questions for the current user."""
    return {"access": SimpleLazyObject(lambda: _Access(request.user))}
