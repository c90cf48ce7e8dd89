"""Forms of the lab generator: create a lab, regenerate it with another seed."""

import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossborder.learning.models import Module
from crossborder.workshops.models import Workshop

from ..models import SEED_MAX, Lab
from .generator import MAX_TRANSACTIONS, MIN_TRANSACTIONS


def random_seed() -> int:
    return secrets.randbelow(SEED_MAX + 1)


class SeedField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Seed"))
        kwargs.setdefault(
            "help_text",
            _("The same seed, difficulty and size always give the same case (0 to %(max)d).")
            % {"max": SEED_MAX},
        )
        super().__init__(min_value=0, max_value=SEED_MAX, **kwargs)


class WorkshopChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, workshop):
        start = timezone.localtime(workshop.start, workshop.seminar.tz)
        return f"{workshop.seminar.title_local} · {start:%d/%m/%Y %H:%M}"


class ModuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, module):
        return module.title_local


class LabForm(forms.ModelForm):
    WORKSHOP, MODULE = "workshop", "module"

    where = forms.ChoiceField(
        label=_("Where it is worked on"),
        choices=[
            (WORKSHOP, _("In a workshop slot of a seminar (one submission per group)")),
            (MODULE, _("In an online module, as self-study (one submission per learner)")),
        ],
        initial=WORKSHOP,
        widget=forms.RadioSelect,
    )
    workshop = WorkshopChoiceField(
        label=_("Workshop slot"),
        queryset=Workshop.objects.select_related("seminar").order_by("-start"),
        required=False,
    )
    module = ModuleChoiceField(
        label=_("Module"), queryset=Module.objects.order_by("order", "title"), required=False
    )
    seed = SeedField(initial=random_seed)
    transactions_wanted = forms.IntegerField(
        label=_("Number of transactions"),
        min_value=MIN_TRANSACTIONS,
        max_value=MAX_TRANSACTIONS,
        initial=2000,
        help_text=_("From %(min)d to %(max)d; about one entity for every three transactions.")
        % {"min": MIN_TRANSACTIONS, "max": MAX_TRANSACTIONS},
    )

    class Meta:
        model = Lab
        fields = [
            "title",
            "title_fr",
            "title_de",
            "where",
            "workshop",
            "module",
            "seed",
            "difficulty",
            "transactions_wanted",
        ]
        widgets = {"difficulty": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_fr"].required = False
        self.fields["title_de"].required = False

    def clean(self):
        data = super().clean()
        where = data.get("where")
        if where == self.WORKSHOP:
            data["module"] = None
            if not data.get("workshop"):
                self.add_error("workshop", _("Choose the workshop slot the lab is worked in."))
        elif where == self.MODULE:
            data["workshop"] = None
            if not data.get("module"):
                self.add_error("module", _("Choose the module the lab belongs to."))
        return data

    def lab_fields(self) -> dict:
        data = self.cleaned_data
        names = ["title", "title_fr", "title_de", "workshop", "module", "seed", "difficulty"]
        return {**{n: data[n] for n in names}, "transactions_wanted": data["transactions_wanted"]}


class RegenerateForm(forms.Form):
    seed = SeedField(initial=random_seed)
