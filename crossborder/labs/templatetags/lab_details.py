"""Labels for the kind-specific details of a lab's entities (Entity.details, written by the
generator), so that tables and the side panel read "Declared employees", not
"employees_declared"."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

LABELS = {
    "asset": gettext_lazy("Crypto-asset"),
    "bank": gettext_lazy("Bank"),
    "born": gettext_lazy("Year of birth"),
    "city": gettext_lazy("City"),
    "contact": gettext_lazy("Contact number"),
    "contact_phone": gettext_lazy("Contact phone"),
    "custodian": gettext_lazy("Custodian"),
    "employees_declared": gettext_lazy("Declared employees"),
    "founded": gettext_lazy("Founded"),
    "holder": gettext_lazy("Holder"),
    "nationality": gettext_lazy("Nationality"),
    "occupation": gettext_lazy("Occupation"),
    "opened": gettext_lazy("Opened"),
    "operator": gettext_lazy("Operator"),
    "perceptual_hash": gettext_lazy("Perceptual hash"),
    "photos": gettext_lazy("Photos"),
    "posted": gettext_lazy("Posted"),
    "prepaid": gettext_lazy("Prepaid"),
    "registered_companies": gettext_lazy("Companies registered here"),
    "registration": gettext_lazy("Registration number"),
    "rooms": gettext_lazy("Rooms"),
    "sector": gettext_lazy("Sector"),
    "site": gettext_lazy("Website"),
    "text": gettext_lazy("Ad text"),
    "type": gettext_lazy("Type"),
}


@register.filter
def detail_label(name: str) -> str:
    return str(LABELS.get(name, name.replace("_", " ").capitalize()))


@register.filter
def detail_value(value) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)
