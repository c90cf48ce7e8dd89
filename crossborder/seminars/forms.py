from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from crossborder.accounts.models import LANGUAGE_CHOICES
from crossborder.curriculum.models import Tag
from crossborder.formfields import BoundedModelMultipleChoiceField

from .models import TIME_ZONES, Seminar, Session, Speaker


class TagChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.short_local}"


class SeminarForm(forms.ModelForm):
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tags = TagChoiceField(
        label=_("Curriculum tags"),
        queryset=Tag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Seminar
        fields = [
            "title",
            "title_fr",
            "title_de",
            "slug",
            "programme",
            "city",
            "country",
            "venue",
            "start_date",
            "end_date",
            "time_zone",
            "capacity",
            "working_languages",
            "interpretation",
            "description",
            "description_fr",
            "description_de",
            "tags",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_de": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Short name for the address, e.g. vienna-2026."),
            "time_zone": _("The zone of the venue, e.g. Europe/Vienna. Times are shown in it."),
        }

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            from crossborder.enrolment.models import Application

            confirmed = Application.objects.filter(
                call__seminar=self.instance, status__in=Application.SEAT_STATUSES
            ).count()
            if capacity < confirmed:
                raise forms.ValidationError(
                    _("%(n)s people have already confirmed; the capacity cannot be lower.")
                    % {"n": confirmed}
                )
        return capacity

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        zone = data.get("time_zone") or self.instance.time_zone
        if self.instance.pk and start and end and zone in TIME_ZONES:
            tz = Seminar(time_zone=zone).tz
            outside = [
                s
                for s in self.instance.sessions.all()
                if s.start.astimezone(tz).date() < start or s.end.astimezone(tz).date() > end
            ]
            if outside:
                self.add_error(
                    "end_date",
                    ngettext(
                        "%(n)s session would fall outside the new dates; move it first.",
                        "%(n)s sessions would fall outside the new dates; move them first.",
                        len(outside),
                    )
                    % {"n": len(outside)},
                )
        return data


class SessionForm(forms.ModelForm):
    """A timetable slot, entered as a seminar day plus local start and end times."""

    day = forms.TypedChoiceField(label=_("Day"), coerce=str)
    start_time = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    tags = TagChoiceField(
        label=_("Curriculum tags"),
        queryset=Tag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    speakers = BoundedModelMultipleChoiceField(
        label=_("Speakers"),
        queryset=Speaker.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    library_entries = BoundedModelMultipleChoiceField(
        label=_("Library entries for this session"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Legal texts, tools, cases and practices participants should read."),
    )

    class Meta:
        model = Session
        fields = [
            "title",
            "title_fr",
            "title_de",
            "kind",
            "day",
            "start_time",
            "end_time",
            "room",
            "track",
            "speakers",
            "chair",
            "objectives",
            "description",
            "description_fr",
            "description_de",
            "tags",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_de": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "track": _("For parallel workshops in the same slot: A, B, C…"),
        }

    def __init__(self, *args, seminar: Seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.seminar = seminar
        self.instance.seminar = seminar
        from crossborder.library.models import Entry

        self.fields["library_entries"].queryset = Entry.objects.published().only(
            "pk", "slug", "kind", "title"
        )
        if self.instance.pk:
            self.initial.setdefault(
                "library_entries", list(self.instance.library_entries.values_list("pk", flat=True))
            )
        self.fields["day"].choices = [
            (day.isoformat(), f"{i}. {day:%a %d %b %Y}") for i, day in enumerate(seminar.days, 1)
        ]
        if self.instance.pk:
            local_start = self.instance.start.astimezone(seminar.tz)
            self.initial.setdefault("day", local_start.date().isoformat())
            self.initial.setdefault("start_time", local_start.time())
            self.initial.setdefault("end_time", self.instance.end.astimezone(seminar.tz).time())

    def clean(self):
        from datetime import date

        data = super().clean()
        if self.errors:
            return data
        day = date.fromisoformat(data["day"])
        start = self.seminar.local_datetime(day, data["start_time"])
        end = self.seminar.local_datetime(day, data["end_time"])
        if end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
            return data
        self.instance.start, self.instance.end = start, end
        others = Session.objects.filter(start__lt=end, end__gt=start).exclude(pk=self.instance.pk)
        room = (data.get("room") or "").strip()
        if room:
            clash = others.filter(seminar=self.seminar, room__iexact=room).first()
            if clash:
                self.add_error(
                    "room",
                    _("%(room)s is already booked for “%(title)s” (%(start)s–%(end)s).")
                    % {
                        "room": room,
                        "title": clash.title,
                        "start": f"{clash.start.astimezone(self.seminar.tz):%H:%M}",
                        "end": f"{clash.end.astimezone(self.seminar.tz):%H:%M}",
                    },
                )
        people = set(data.get("speakers") or [])
        if data.get("chair"):
            people.add(data["chair"])
        if people:
            busy = (
                others.filter(Q(speakers__in=people) | Q(chair__in=people))
                .distinct()
                .prefetch_related("speakers")
                .select_related("chair", "seminar")
            )
            for clash in busy:
                names = sorted(
                    p.name for p in people if p in clash.speakers.all() or p == clash.chair
                )
                self.add_error(
                    "speakers",
                    _("%(names)s already speaks at “%(title)s” (%(seminar)s) at that time.")
                    % {"names": ", ".join(names), "title": clash.title, "seminar": clash.seminar},
                )
                break
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Seminar.Status.choices)


class DuplicateForm(forms.Form):
    start_date = forms.DateField(
        label=_("First day of the new seminar"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    slug = forms.SlugField(label=_("Short name of the new seminar"), max_length=50)
    title = forms.CharField(label=_("Title of the new seminar"), max_length=200)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Seminar.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another seminar already uses this short name."))
        return slug


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "slug", "function", "organisation", "country", "bio", "bio_fr", "bio_de"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}
