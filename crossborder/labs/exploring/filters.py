"""The filters and the sort order of the lab's tables (and of the timeline), as forms: a bad
value (a date that is not a date, a minimum above the maximum) is a form error with a clear
message, and the table then shows nothing filtered wrongly."""

from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Entity, Transaction

PAGE_SIZE = 50

# sort parameter: the fields it orders by (a "-" in front reverses)
ENTITY_SORTS = {"key": ["key"], "name": ["name", "key"], "country": ["country", "key"]}
TRANSACTION_SORTS = {
    "key": ["key"],
    "at": ["at", "key"],
    "amount": ["amount", "key"],
    "channel": ["channel", "at"],
    "source": ["source__key", "at"],
    "target": ["target__key", "at"],
}


class SortField(forms.CharField):
    def __init__(self, sorts, **kwargs):
        self.sorts = sorts
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and value.lstrip("-") not in self.sorts:
            raise forms.ValidationError(
                _("The table cannot be sorted by “%(value)s”."), params={"value": value}
            )
        return value


class EntityFilter(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("In the identifier, the name and the details."),
    )
    country = forms.CharField(
        label=_("Country"),
        required=False,
        max_length=2,
        min_length=2,
        help_text=_("Two letters, e.g. PT."),
    )
    sort = SortField(ENTITY_SORTS)

    def clean_country(self):
        return self.cleaned_data["country"].upper()

    def filter(self, entities):
        data = self.cleaned_data
        if data["q"]:
            entities = entities.annotate(details_text=Cast("details", TextField())).filter(
                Q(key__icontains=data["q"])
                | Q(name__icontains=data["q"])
                | Q(details_text__icontains=data["q"])
            )
        if data["country"]:
            entities = entities.filter(country=data["country"])
        return _sorted(entities, ENTITY_SORTS, data["sort"] or "key")


class TransactionFilter(forms.Form):
    entity = forms.CharField(
        label=_("Entity"),
        required=False,
        max_length=16,
        help_text=_("An identifier: its payments in and out."),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    min_amount = forms.DecimalField(
        label=_("Amount at least"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    max_amount = forms.DecimalField(
        label=_("Amount at most"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("Any")), *list(Transaction.Channel.choices)],
    )
    sort = SortField(TRANSACTION_SORTS)

    def __init__(self, *args, lab, **kwargs):
        self.lab = lab
        super().__init__(*args, **kwargs)

    def clean_entity(self):
        key = self.cleaned_data["entity"].strip().upper()
        if key and not self.lab.entities.filter(key=key).exists():
            raise forms.ValidationError(
                _("“%(key)s” is not in this lab's dataset."), params={"key": key}
            )
        return key

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        low, high = data.get("min_amount"), data.get("max_amount")
        if low is not None and high is not None and low > high:
            self.add_error("max_amount", _("The maximum is below the minimum."))
        return data

    def filter(self, transactions):
        data = self.cleaned_data
        if data["entity"]:
            transactions = transactions.filter(
                Q(source__key=data["entity"]) | Q(target__key=data["entity"])
            )
        if data["start"]:
            transactions = transactions.filter(at__gte=midnight(data["start"]))
        if data["end"]:
            transactions = transactions.filter(at__lt=midnight(data["end"] + timedelta(days=1)))
        if data["min_amount"] is not None:
            transactions = transactions.filter(amount__gte=data["min_amount"])
        if data["max_amount"] is not None:
            transactions = transactions.filter(amount__lte=data["max_amount"])
        if data["channel"]:
            transactions = transactions.filter(channel=data["channel"])
        return _sorted(transactions, TRANSACTION_SORTS, data["sort"] or "at")


def midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _sorted(queryset, sorts, sort):
    fields = sorts[sort.lstrip("-")]
    if sort.startswith("-"):
        fields = ["-" + fields[0], *fields[1:]]
    return queryset.order_by(*fields)


def filter_for(kind, lab, data):
    """The filter form of a table (`kind` is an entity kind or "transactions")."""
    if kind == "transactions":
        return TransactionFilter(data, lab=lab)
    return EntityFilter(data)


def kind_label(kind) -> str:
    if kind == "transactions":
        return str(_("Transactions"))
    return str(dict(Entity.Kind.choices)[kind])
