"""The main menu and what templates may ask about permissions (`access` in every template).

The menu shows what a person may open; each decision is made by crossborder/access.py.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from crossborder.access import (
    can_author,
    can_create_labs,
    can_list_people,
    can_manage_programme,
    can_read_audit,
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


def navigation(user) -> list[NavItem]:
    """The main menu for this user's role."""
    seminars = NavItem(_("Seminars"), reverse("seminars"), "seminars")
    modules = NavItem(_("Online modules"), reverse("modules"), "modules")
    library = NavItem(_("Library"), reverse("library"), "library")
    if not is_signed_in(user):
        return [NavItem(_("Home"), reverse("home"), "home"), seminars, modules, library]
    items = [NavItem(_("Dashboard"), reverse("dashboard"), "dashboard"), seminars, modules, library]
    items.append(NavItem(_("Investigation labs"), reverse("labs"), "labs"))
    if can_use_grading_queue(user):
        items.append(NavItem(_("Essays to grade"), reverse("grading-queue"), "grading-queue"))
    if can_author(user):
        items.append(NavItem(_("Authoring"), reverse("author-home"), "author-home"))
    if can_manage_programme(user):
        items.append(NavItem(_("Manage programme"), reverse("manage-seminars"), "manage-seminars"))
    if can_list_people(user):
        items.append(NavItem(_("People"), reverse("people"), "people"))
    if can_view_indicators(user):
        items.append(NavItem(_("Indicators"), reverse("indicators"), "indicators"))
    if can_read_audit(user):
        items.append(NavItem(_("Audit log"), reverse("audit-log"), "audit-log"))
    items.append(NavItem(_("My profile"), reverse("profile"), "profile"))
    if can_use_api_tokens(user):
        items.append(NavItem(_("API tokens"), reverse("api-tokens"), "api-tokens"))
    if can_use_admin_site(user):
        items.append(NavItem(_("Administration"), reverse("admin:index"), "admin"))
    return items


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
    def create_labs(self):
        return can_create_labs(self.user)

    @property
    def navigation(self):
        return navigation(self.user)


def context(request):
    """Template context processor: `access` answers permission questions for the current user."""
    return {"access": SimpleLazyObject(lambda: _Access(request.user))}
