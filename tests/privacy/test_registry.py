"""Every app that holds a link to a person has its personal_data module in the registry."""

from django.apps import apps
from django.conf import settings

from crossborder.privacy.registry import COVERED_BY, covered_labels, discover, sections


def _apps_holding_people() -> dict[str, list[str]]:
    """App label → its models with a foreign key, one-to-one or many-to-many to the user."""
    user = apps.get_model(settings.AUTH_USER_MODEL)
    holding: dict[str, list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user:
                holding.setdefault(model._meta.app_label, []).append(
                    f"{model._meta.label}.{field.name}"
                )
    return holding


def test_every_app_with_a_link_to_a_person_has_a_personal_data_module():
    missing = {
        label: fields
        for label, fields in _apps_holding_people().items()
        if label not in covered_labels()
    }
    assert missing == {}, (
        "These apps hold a link to a person but have no personal_data module "
        f"(see crossborder/privacy/registry.py): {missing}"
    )


def test_the_check_notices_an_app_without_its_module(monkeypatch):
    import crossborder.privacy.registry as registry

    monkeypatch.setattr(
        registry, "_SECTIONS", [s for s in registry.sections() if s.label != "labs"]
    )
    assert "labs" in _apps_holding_people() and "labs" not in registry.covered_labels()


def test_it_discovers_the_modules_in_the_order_of_installed_apps():
    labels = [s.label for s in discover()]
    assert labels == [s.label for s in sections()]
    for expected in (
        "accounts", "audit", "seminars", "enrolment", "learning", "library", "authoring",
        "evaluation", "workshops", "labs", "credentials",
    ):  # fmt: skip
        assert expected in labels
    order = [c.label for c in apps.get_app_configs()]
    assert labels == sorted(labels, key=order.index)
    assert all(str(s.title) for s in sections())
    assert set(COVERED_BY.values()) <= set(labels)
