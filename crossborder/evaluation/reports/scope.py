"""Which seminars an indicator set covers: a programme, optionally one seminar and a period.

The filters come from a GET form (the dashboard, the API, a stored funder report); bad values
give a specific message and no figures."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from crossborder.seminars.models import Programme, Seminar


@dataclass(frozen=True)
class Scope:
    """The filtered selection every section works on."""

    programme: Programme
    seminar: Seminar | None = None
    start: date | None = None
    end: date | None = None

    def seminars(self):
        """The programme's public seminars in the scope (a queryset, used as a subquery)."""
        seminars = Seminar.objects.public().filter(programme=self.programme)
        if self.seminar is not None:
            seminars = seminars.filter(pk=self.seminar.pk)
        if self.start:
            seminars = seminars.filter(start_date__gte=self.start)
        if self.end:
            seminars = seminars.filter(end_date__lte=self.end)
        return seminars.order_by()

    def as_params(self) -> dict:
        params = {"programme": self.programme.slug}
        if self.seminar:
            params["seminar"] = self.seminar.slug
        if self.start:
            params["start"] = self.start.isoformat()
        if self.end:
            params["end"] = self.end.isoformat()
        return params


class ScopeForm(forms.Form):
    """Programme, seminar and period, by slug and ISO date so that links and the API agree."""

    programme = forms.SlugField(label=_("Programme"), required=False)
    seminar = forms.SlugField(label=_("Seminar"), required=False)
    start = forms.DateField(
        label=_("Seminars from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the start of the period as a date (YYYY-MM-DD).")},
    )
    end = forms.DateField(
        label=_("until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the end of the period as a date (YYYY-MM-DD).")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = list(Programme.objects.order_by("-start", "pk"))
        self.programme_choices = [(p.slug, p.title_local) for p in self.programmes]
        seminars = Seminar.objects.public().order_by("start_date", "pk")
        fields = ("slug", "title", "title_fr", "title_de", "programme", "start_date")
        self.seminar_list = list(seminars.only(*fields))

    def clean_programme(self):
        slug = self.cleaned_data["programme"]
        if not self.programmes:
            raise forms.ValidationError(_("There is no programme yet."))
        if not slug:
            return self.programmes[0]
        for programme in self.programmes:
            if programme.slug == slug:
                return programme
        raise forms.ValidationError(
            _("There is no programme “%(slug)s”."), params={"slug": slug}, code="unknown"
        )

    def clean(self):
        data = super().clean()
        programme, slug = data.get("programme"), data.get("seminar")
        if programme and slug:
            seminar = next((s for s in self.seminar_list if s.slug == slug), None)
            if seminar is None:
                self.add_error("seminar", _("There is no seminar “%(slug)s”.") % {"slug": slug})
            elif seminar.programme_id != programme.pk:
                self.add_error(
                    "seminar",
                    _("The seminar “%(title)s” is not part of this programme.")
                    % {"title": seminar.title_local},
                )
            else:
                data["seminar"] = seminar
        else:
            data["seminar"] = None
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(
            programme=data["programme"],
            seminar=data.get("seminar"),
            start=data.get("start"),
            end=data.get("end"),
        )


def scope_from(params) -> tuple[Scope | None, ScopeForm]:
    """The scope of a GET query, or None with the form's errors."""
    form = ScopeForm(params)
    return (form.scope() if form.is_valid() else None), form
