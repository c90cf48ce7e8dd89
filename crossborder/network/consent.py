"""The consent wording of the practitioner directory, versioned here in code.

A person's consent record keeps the version they agreed to. When the wording changes, add a new
version (never edit a published one): people listed under an older version keep their listing
and are shown the new wording the next time they save their choices.
"""

from django.utils.translation import gettext_lazy as _

WORDINGS = {
    "2026-12": _(
        "I agree that the Crossborder programme lists me in its practitioner directory, showing "
        "only the fields I tick below and only to the audience I choose, so that practitioners "
        "in other countries can ask to contact me. My email address is never shown unless I "
        "accept a contact request. I can withdraw this consent at any time on this page; I am "
        "then removed from every search at once."
    ),
}
CURRENT_VERSION = "2026-12"


def wording(version: str = CURRENT_VERSION) -> str:
    return str(WORDINGS[version])
