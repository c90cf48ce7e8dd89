"""The registry of every installed app's `personal_data` module (the shared contract).

Each app that holds personal data has `crossborder/<app>/personal_data.py` with
`LABEL` (its section's name), `export(user)` (everything it holds on the person, JSON-ready) and
`erase(user)` (remove or anonymise it so that programme statistics stay correct). No app imports
this one: `discover()` finds the modules of every installed app when Django starts.

Third-party apps that hold a link to the user (Django's admin log, allauth's addresses and
authenticators) are covered by the module named in COVERED_BY.
"""

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule

MODULE = "personal_data"

# App label of a third-party app → the label of the app whose personal_data module covers it.
COVERED_BY = {
    "account": "accounts",  # allauth's email addresses
    "mfa": "accounts",  # allauth's authenticators (their presence, never their secrets)
    "admin": "audit",  # Django's admin log of an administrator's changes
}


@dataclass(frozen=True)
class Section:
    label: str  # the app label, the key of the section in the export
    module: ModuleType

    @property
    def title(self) -> str:
        return str(self.module.LABEL)


_SECTIONS: list[Section] = []


def discover() -> list[Section]:
    """Import every installed app's personal_data module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            module = import_module(f"{config.name}.{MODULE}")
            for name in ("LABEL", "export", "erase"):
                if not hasattr(module, name):
                    raise AttributeError(f"{config.name}.{MODULE} has no {name}")
            found.append(Section(label=config.label, module=module))
    _SECTIONS[:] = found
    return found


def sections() -> list[Section]:
    """The registered sections (discovered when Django started)."""
    return list(_SECTIONS)


def covered_labels() -> set[str]:
    """App labels whose personal data some registered module exports and erases."""
    labels = {s.label for s in _SECTIONS}
    return labels | {label for label, by in COVERED_BY.items() if by in labels}
