"""Property-based tests (Hypothesis) over the project's forms: every form that takes free text,
numbers, dates or choices is built as its view builds it and fed generated input.

For any input:
1. `is_valid()` returns True or False (never raises), and the form renders with its errors;
2. no NUL character reaches the cleaned data (PostgreSQL cannot store it, so SQLite must not
   either), custom fields included;
3. a valid form saves: a ModelForm's `save()`, or for a plain form the service its view calls,
   runs inside the test's transaction, and what it stored fits the database (no text longer
   than its column or its length validator, no integer outside the column's range, no NUL,
   JSON without NaN) — a form must refuse what the database cannot store;
4. where a form documents a normalisation (stripped text, a lower-cased email address, a
   phone number with single spaces), the cleaned value is the input with that normalisation
   only.

Each example starts from the form's valid data and replaces one to three fields with
generated values: any text (NUL, control characters, lone surrogates, RTL overrides, CRLF, very
long runs), text of the lengths around the field's limit, numbers at the edges of the database
integer ranges, malformed dates, emails, URLs and choices. Input goes in two ways: "posted",
through the bytes a browser would send (a lone surrogate cannot travel in UTF-8: Django decodes
it as U+FFFD), and, for the forms the JSON API also fills (seminar, session, directory search),
"raw", straight into the form, as a JSON parser hands over a lone surrogate; a raw example is
only checked for (1) and (2).

Deterministic for CI as in tests/test_importers_properties.py: `derandomize=True`, no example
database. Put what a longer local search finds into a plain regression test at the end.
"""

import datetime
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxLengthValidator
from django.db import connection, models, transaction
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossborder.accounts import forms as account_forms
from crossborder.accounts.models import ApiToken, Profile, Role, User
from crossborder.authoring import question_kind_forms as kind_forms
from crossborder.authoring.lesson_forms import ImageForm, LessonForm
from crossborder.authoring.library_forms import EntryForm
from crossborder.authoring.module_forms import ModuleForm, QuizForm
from crossborder.authoring.question_bank import BankFilter
from crossborder.authoring.question_forms import QuestionForm as BankQuestionForm
from crossborder.curriculum.models import Tag
from crossborder.enrolment import call_forms
from crossborder.enrolment import forms as enrolment_forms
from crossborder.enrolment.models import Call
from crossborder.enrolment.models import Question as CallQuestion
from crossborder.evaluation.knowledge import forms as knowledge_forms
from crossborder.evaluation.models import KnowledgeTest
from crossborder.evaluation.reports.scope import ScopeForm
from crossborder.evaluation.surveys import forms as survey_forms
from crossborder.labs.generating.forms import LabForm, RegenerateForm
from crossborder.labs.running.forms import FlagForm
from crossborder.learning.forms import EssayGradeForm
from crossborder.learning.models import Lesson, Module, Quiz
from crossborder.learning.models import Question as BankQuestion
from crossborder.library import forms as library_forms
from crossborder.library import services as library_services
from crossborder.library.models import Comment, Entry
from crossborder.network import forms as network_forms
from crossborder.network.models import AbuseReport, CohortPost, ContactRequest, NetworkListing
from crossborder.privacy.forms import DeleteAccountForm
from crossborder.referrals import forms as referral_forms
from crossborder.referrals import services as referral_services
from crossborder.seminars import forms as seminar_forms
from crossborder.workshops.allocation import forms as allocation_forms
from crossborder.workshops.jit import forms as jit_forms
from crossborder.workshops.jit import schema as jit_schema
from crossborder.workshops.models import PairingRule
from tests.factories import make_call, make_ngo_user, make_referral_profile, make_seminar, make_user

pytestmark = pytest.mark.django_db


def fast(examples: int):
    """The settings of every property here: derandomized, no deadline, no example database."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


# --- strategies ------------------------------------------------------------------------------

SPECIALS = [
    "\x00",
    "\x01",
    "\x0b",
    "\x1c",
    "\x85",
    "\r\n",
    "\r",
    "\n",
    "\t",
    " ",
    "\u00a0",
    "\u2028",
    "\ufeff",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u200f",
    "\ud800",
    "\udfff",
    "\U0001f9d1\u200d\u2696\ufe0f",
    "e\u0301",
    "<script>",
    "{{ x }}",
    "'",
    '"',
    ":",
    "/",
    ",",
    "|",
    "*",
    "-",
    "#",
    "%",
]
NUMBERS = [
    str(n)
    for n in (
        -(2**63) - 1,
        -(2**63),
        -(2**31) - 1,
        -(2**31),
        -32769,
        -32768,
        -101,
        -1,
        0,
        1,
        2,
        20,
        21,
        50,
        51,
        60,
        61,
        100,
        101,
        300,
        301,
        1000,
        1001,
        32767,
        32768,
        65535,
        65536,
        2**31 - 1,
        2**31,
        2**32,
        2**63 - 1,
        2**63,
        10**30,
    )
] + ["-0", "0.1", "0.05", "1.5", "99.999", "1e3", "1e308", "1e309", "-1e309", "nan", "inf"]
NUMBERS += ["٣", "²", "1_000", " 7 ", "0x10", "1,5", ""]
DATES = [
    "2027-03-16",
    "2027-03-17",
    "2027-03-18",
    "2024-02-29",
    "2023-02-29",
    "2024-02-30",
    "2024-13-01",
    "0001-01-01",
    "0000-01-01",
    "9999-12-31",
    "10000-01-01",
    "16/03/2027",
    "03/16/2027",
    "2027-3-5",
    "2027-03-16T10:00",
    "",
]
DATETIMES = [
    "2027-01-01T10:00",
    "2027-01-01 10:00",
    "2027-01-01 10:00:00.123456",
    "2027-01-01T10:00+05:00",
    "2027-01-01T10:00Z",
    "2027-03-28 02:30",  # a time the clocks skip in Brussels
    "2027-10-31 02:30",  # a time they pass twice
    "0001-01-01 00:00",
    "0001-01-01T00:30",
    "9999-12-31 23:59",
    "9999-12-31T23:59-05:00",
    "2027-02-30 10:00",
    "2027-01-01 24:00",
    "2027-01-01",
    "",
]
TIMES = ["00:00", "09:00", "10:30", "23:59", "23:59:59.999999", "24:00", "9", "12:60", "-1:00"]
EMAILS = [
    "person@example.org",
    "Person@Example.ORG",
    "  person@example.org  ",
    "p@gmail.com",
    "P@GMAIL.COM",
    "a@b",
    "@example.org",
    "person@",
    "person@@example.org",
    "per son@example.org",
    "pérson@exämple.org",
    "person@xn--exmple-cua.org",
    "x" * 64 + "@example.org",
    "x" * 65 + "@example.org",
    "a@" + "b" * 250 + ".org",
    "person@example.org\nBcc: x@example.org",
    "person@[127.0.0.1]",
    "",
]
URLS = [
    "https://example.org",
    "http://example.org/x?y=1",
    "example.org",
    "javascript:alert(1)",
    "ftp://example.org",
    "https://",
    "https://exa mple.org",
    "https://例え.テスト/",
    "https://example.org/" + "a" * 2100,
    "//example.org",
    "https://[::1]/",
    "",
]


def nasty_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any code point (lone surrogates included) and the SPECIALS, now and then a long run."""
    piece = st.one_of(st.characters(codec=None), st.sampled_from(SPECIALS))
    short = st.lists(piece, max_size=max_size).map("".join)
    long = st.tuples(
        st.sampled_from(["a", "é", " ", "\n", "\x00", "<", "7"]), st.integers(300, 13000)
    )
    return st.one_of(short, short, long.map(lambda t: t[0] * t[1]))


def of_length(limit: int | None) -> st.SearchStrategy[str]:
    """Ordinary text of a length at the edge of `limit` (or of the usual column sizes)."""
    edges = {1, 2, 10, 16, 20, 40, 50, 60, 64, 80, 100, 120, 150, 200, 255, 300, 400, 500}
    edges |= {1000, 1500, 2000, 3000, 4000, 5000, 12000}
    if limit:
        edges |= {limit - 1, limit, limit + 1}
    lengths = st.sampled_from(sorted(n for n in edges if n > 0))
    return st.builds(lambda c, n: (c * n)[:n], st.sampled_from(["a", "é", "ab ", "Ö-1"]), lengths)


def around(base) -> st.SearchStrategy[str]:
    """The field's valid value with something before or after it."""
    base = base if isinstance(base, str) else ""
    return st.builds(
        lambda before, after: before + base + after,
        st.sampled_from(["", " ", "\x00", "\n", "\u202e", "\ufeff", "\r\n", "\t"]),
        st.sampled_from(["", " ", "\x00", "\n", "\u202e", "\u00a0", "\r\n", "x"]),
    )


def choice_values(field) -> list[str]:
    values = []
    try:
        for value, label in field.choices:
            if isinstance(label, list | tuple):  # an optgroup
                values += [str(v) for v, _ in label]
            else:
                values.append(str(getattr(value, "value", value)))
    except (TypeError, AttributeError):
        pass
    return values[:40]


def value_for(field: forms.Field, base) -> st.SearchStrategy:
    """Generated input for one field: a string, or a list of strings for multiple choices."""
    options = [nasty_text(), around(base)]
    if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        options += [st.sampled_from(NUMBERS)] * 3
        options.append(st.integers(-(2**70), 2**70).map(str))
        options.append(st.floats().map(repr))
    elif isinstance(field, forms.DateTimeField):
        options += [st.sampled_from(DATETIMES)] * 3
        options.append(st.datetimes().map(lambda d: d.isoformat(sep=" ")))
    elif isinstance(field, forms.DateField):
        options += [st.sampled_from(DATES)] * 3
        options.append(st.dates().map(datetime.date.isoformat))
    elif isinstance(field, forms.TimeField):
        options += [st.sampled_from(TIMES)] * 2
    elif isinstance(field, forms.EmailField):
        options += [st.sampled_from(EMAILS)] * 3
    elif isinstance(field, forms.URLField):
        options += [st.sampled_from(URLS)] * 3
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        values = choice_values(field) or ["1"]
        junk = ["", "0", "-1", "99999999999999999999", "x", "None", "1.5", "\x00"]
        one = st.sampled_from(values + junk)
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            options = [st.lists(one, max_size=10), st.lists(nasty_text(10), max_size=3)]
        else:
            options += [one] * 3
    elif isinstance(field, forms.CharField):
        options += [of_length(field.max_length)] * 2
    if isinstance(field, forms.BooleanField):
        options.append(st.sampled_from(["on", "true", "false", "0", ""]))
    return st.one_of(options)


# --- posting ---------------------------------------------------------------------------------


def posted(data: dict) -> QueryDict:
    """What Django reads from the body a browser sends for `data` (UTF-8, form-encoded)."""
    pairs = []
    for name, value in data.items():
        for one in value if isinstance(value, list) else [value]:
            pairs.append((name, str(one).encode("utf-8", "surrogatepass")))
    return QueryDict(urlencode(pairs))


def raw(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return query


def received(value):
    """A posted value as the form receives it (see `posted`)."""
    if isinstance(value, list):
        return [received(v) for v in value]
    return str(value).encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# --- checks ----------------------------------------------------------------------------------


def strings_in(value, seen=None):
    """Every string inside a cleaned value (lists, dicts, tuples), not inside model objects."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings_in(item)


def assert_no_nul(cleaned: dict) -> None:
    for name, value in cleaned.items():
        for text in strings_in(value):
            assert "\x00" not in text, f"{name}: a NUL character was accepted: {text!r}"


def assert_fits(obj: models.Model) -> None:
    """What `obj` holds, the database of the test run can store (and PostgreSQL's checks)."""
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        where = f"{type(obj).__name__}.{f.name}"
        for text in strings_in(value):
            assert "\x00" not in text, f"{where}: NUL stored"
            assert not any("\ud800" <= c <= "\udfff" for c in text), f"{where}: lone surrogate"
        if isinstance(value, str) and f.max_length:
            assert len(value) <= f.max_length, f"{where}: {len(value)} > {f.max_length}"
        if isinstance(f, models.TextField | models.CharField) and isinstance(value, str):
            for validator in f.validators:
                if isinstance(validator, MaxLengthValidator):
                    validator(value)
        if isinstance(f, models.IntegerField) and value is not None and not f.primary_key:
            low, high = connection.ops.integer_field_range(f.get_internal_type())
            assert (low is None or value >= low) and (high is None or value <= high), (
                f"{where}: {value} is outside the column's range"
            )
        if isinstance(f, models.FloatField) and isinstance(value, float):
            assert math.isfinite(value), f"{where}: {value}"
        if isinstance(f, models.JSONField):
            json.dumps(value, allow_nan=False, cls=f.encoder)


def assert_fits_column(value, column: models.Field, name: str) -> None:
    """A plain form's cleaned value that its view stores in `column` fits it."""
    for text in strings_in(value):
        assert "\x00" not in text
    if isinstance(value, str):
        if column.max_length:
            assert len(value) <= column.max_length, f"{name}: {len(value)} > {column.max_length}"
        for validator in column.validators:
            if isinstance(validator, MaxLengthValidator):
                validator(value)


# --- the world the forms live in ------------------------------------------------------------


class World:
    """What the forms need, made when first asked for."""

    @cached_property
    def participant(self):
        return make_user(
            "props-participant@example.org",
            profile={"profession": "law_enforcement", "country": "HR", "organisation": "Policija"},
        )

    @cached_property
    def manager(self):
        return make_user("props-manager@example.org", role=Role.MANAGER, mfa=False)

    @cached_property
    def trainer(self):
        return make_user("props-trainer@example.org", role=Role.TRAINER, mfa=False)

    @cached_property
    def seminar(self):
        return make_seminar("props")

    @cached_property
    def element(self):
        return Tag.objects.filter(kind=Tag.Kind.ELEMENT).order_by("code").first()

    @cached_property
    def call(self):
        call = make_call(self.seminar, nomination=Call.Nomination.OPTIONAL)
        CallQuestion.objects.create(call=call, order=1, label="Years", kind="text", required=True)
        CallQuestion.objects.create(
            call=call, order=2, label="Team", kind="choice", choices=["Police", "Court"]
        )
        CallQuestion.objects.create(call=call, order=3, label="Again?", kind="yes_no")
        return call

    @cached_property
    def module(self):
        module = Module.objects.create(
            slug="props", title="Props", summary="S", level="public", status="draft"
        )
        Quiz.objects.create(module=module)
        return module

    @cached_property
    def survey(self):
        from crossborder.evaluation.surveys.services import create_survey

        return create_survey(seminar=self.seminar, kind="satisfaction", by=self.manager)

    @cached_property
    def referral(self):
        return make_referral_profile(make_ngo_user("props-ngo@ngo.example"))

    @cached_property
    def entry(self):
        entry = Entry.objects.create(
            slug="props-entry",
            kind="guidance",
            title="Props entry",
            summary="S",
            body="B",
            access="public",
            sources=[{"title": "T"}],
        )
        entry.tags.set([self.element])
        return entry

    @cached_property
    def essay_answer(self):
        question = BankQuestion(
            module=self.module,
            key="essay",
            kind="essay",
            text="Why?",
            data={
                "rubric": [{"criterion": "Law", "points": 2}, {"criterion": "Facts", "points": 1}]
            },
        )
        return type("Answer", (), {"question": question, "graded_at": None, "rubric_scores": []})()

    @cached_property
    def people(self):
        from crossborder.enrolment.models import Application

        people = []
        for n in (1, 2):
            user = make_user(f"props-rule{n}@example.org", profile={"organisation": f"Org {n}"})
            people.append(
                Application.objects.create(
                    call=self.call, user=user, status="confirmed", profession="judge", country="BE"
                )
            )
        return people


# --- the forms -------------------------------------------------------------------------------


@dataclass
class Case:
    """A form as its view builds it: `make(world, data)`, valid data `base(world)`, and how the
    view stores a valid form (`persist`; a ModelForm's own `save()` when None), the model fields
    a plain form's values land in (`columns`) and its documented normalisations (`normal`)."""

    id: str
    make: Callable
    base: Callable
    persist: Callable | None = None
    columns: dict = field(default_factory=dict)
    normal: dict = field(default_factory=dict)
    api: bool = False  # the JSON API hands it data too (raw strings, lone surrogates included)


def fresh(obj):
    """The object as stored (a form changes its instance; every example starts anew)."""
    return type(obj).objects.get(pk=obj.pk)


def column(model, name):
    return model._meta.get_field(name)


def just_stripped(value):
    return value.strip()


def practice_data(world):
    return {
        "title": "Joint debriefing of victims",
        "country": "PT",
        "summary": "Two services debrief together.",
        "problem": "Victims told their story twice.",
        "action": "One joint interview.",
        "results": "Fewer interviews.",
        "contact": "national referral office",
        "body": "",
        "sources": "Annual report 2024",
        "professions": ["prosecutor"],
        "tags": [str(world.element.pk)],
        "access": "registered",
    }


def referral_data(world):
    return {
        "name": "Casa Segura",
        "country": "PT",
        "regions": "Lisbon",
        "services": ["shelter"],
        "languages": ["pt"],
        "hours": "Mon-Fri 9-17",
        "how_to_refer": "Call us first.",
        "consent": "",
        "phone": "+351 210 000 000",
        "hotline": "",
        "email": "referrals@casa.example",
        "website": "https://casa.example",
        "reviewed": "on",
    }


def profile_form(world, data):
    user = world.participant
    return account_forms.ProfileForm(data, instance=Profile.objects.get(user=user), user=user)


def session_data(world):
    return {
        "title": "Financial leads",
        "kind": "panel",
        "day": world.seminar.start_date.isoformat(),
        "start_time": "18:00",
        "end_time": "19:00",
        "room": "Room Z",
        "track": "",
        "objectives": "",
        "description": "",
    }


def seminar_data(world):
    return {
        "title": "Seminar",
        "slug": "props-new",
        "programme": str(world.seminar.programme_id),
        "city": "Lisbon",
        "country": "PT",
        "start_date": "2027-05-04",
        "end_date": "2027-05-05",
        "time_zone": "Europe/Lisbon",
        "capacity": "40",
        "working_languages": ["en"],
        "interpretation": "",
        "description": "",
    }


def module_data(world):
    return {
        "title": "Module",
        "slug": "",
        "summary": "What it covers.",
        "level": "public",
        "duration_minutes": "60",
        "objectives": "Know the law\nSpot the signs",
        "objectives_fr": "Connaître le droit\nRepérer les signes",
        "sources": "Directive 2011/36/EU",
    }


def quiz_data(world):
    return {
        "draw_count": "0",
        "attempts_allowed": "3",
        "time_limit_minutes": "30",
        "pass_mark": "70",
        "feedback": Quiz._meta.get_field("feedback").default,
        "closes_at": "",
        "shuffle": "on",
    }


def entry_data(world):
    return {
        "kind": "guidance",
        "title": "A guide",
        "slug": "",
        "summary": "What it says.",
        "body": "The guide explains how to refer a victim across a border. " * 8,
        "access": "public",
        "status": "published",
        "professions": ["judge"],
        "countries": "GR, PL",
        "tags": [str(world.element.pk)],
        "citations": "2011/36/EU",
        "sources": "Guide | https://example.org/guide",
        "details": 'publisher: "Eurojust"\ndate: "2024-01-01"\n',
        "reviewed": "2025-01-01",
    }


def bank_question_data(world):
    return {
        "name": "Q1",
        "idnumber": "THB-1",
        "category": "Element A/Legal",
        "text": "What is it?",
        "source": "https://example.org/source",
        "labels": "cyber, victims",
        "explanation": "",
        "feedback_correct": "",
        "feedback_partial": "",
        "feedback_incorrect": "",
        "default_grade": "1",
        "penalty": "0.3",
    }


def lab_data(world):
    return {
        "title": "Lab",
        "title_fr": "",
        "title_de": "",
        "where": "module",
        "module": str(world.module.pk),
        "seed": "7",
        "difficulty": "1",
        "transactions_wanted": "500",
    }


def targets_data(world):
    return {
        "seats": "30",
        "max_per_country": "3",
        "max_per_organisation": "2",
        "women_min_share": "40",
        "women_max_share": "60",
        "weight_first_time": "3",
        "weight_new_country": "2",
        "weight_nominated": "1",
        "min_judge": "1",
        "max_judge": "5",
    }


def jit_section_case(key):
    section = jit_schema.section(key)
    form_class = jit_forms.section_form_class(key)

    def base(world):
        data = {}
        for f in section.fields:
            data[f.key] = {"date": "2027-01-01", "choice": ""}.get(f.kind, "Text")
        return data

    return Case(f"jit-{key}", lambda w, d: form_class(d), base)


def jit_row_case(key):
    section = jit_schema.section(key)
    form_class = jit_forms.row_form_class(key)

    def base(world):
        return {
            c.key: {"date": "2027-01-01", "choice": ""}.get(c.kind, "Text")
            for c in section.rows.columns
        }

    return Case(f"jit-row-{key}", lambda w, d: form_class(d), base)


CASES = [
    # accounts
    Case(
        "signup",
        lambda w, d: account_forms.SignupForm(d),
        lambda w: {"first_name": "Ana", "last_name": "Horvat"},
        columns={"first_name": column(User, "first_name"), "last_name": column(User, "last_name")},
    ),
    Case(
        "profile",
        profile_form,
        lambda w: {
            "first_name": "Ana",
            "last_name": "Horvat",
            "language": "en",
            "profession": "law_enforcement",
            "country": "HR",
            "organisation": "Policija",
            "job_title": "Inspector",
            "gender": "female",
            "working_languages": ["en", "hr"],
            "bio": "",
        },
        persist=lambda form, w: [form.save(), form.user],
    ),
    Case(
        "vetting",
        lambda w, d: account_forms.VettingForm(d),
        lambda w: {"vetting": "verified", "note": "Letter of 3 May"},
    ),
    Case(
        "api-token",
        lambda w, d: account_forms.ApiTokenForm(d),
        lambda w: {"name": "reporting script"},
        columns={"name": column(ApiToken, "name")},
    ),
    Case(
        "people-filter",
        lambda w, d: account_forms.PeopleFilterForm(d),
        lambda w: {"q": "ana", "profession": "judge", "country": "BE", "vetting": ""},
    ),
    Case(
        "delete-account",
        lambda w, d: DeleteAccountForm(d),
        lambda w: {"confirm": "delete"},
        normal={"confirm": just_stripped},
    ),
    # enrolment
    Case(
        "application",
        lambda w, d: enrolment_forms.ApplicationForm(d, call=w.call),
        lambda w: {
            "motivation": "I investigate labour exploitation.",
            "nominator_email": "chief@police.example",
            **{
                f"q{q.pk}": {"text": "Five", "choice": "Police", "yes_no": "yes"}[q.kind]
                for q in w.call.questions.all()
            },
        },
    ),
    Case(
        "call",
        lambda w, d: call_forms.CallForm(d, instance=Call.objects.get(pk=w.call.pk)),
        lambda w: {
            "opens_at": "2027-01-01T10:00",
            "closes_at": "2027-02-01T10:00",
            "eligible_countries": "AT be, DE",
            "eligible_professions": ["judge"],
            "motivation_required": "on",
            "nomination": "optional",
            "confirm_within_days": "7",
            "offer_hours": "48",
        },
    ),
    Case(
        "call-question",
        lambda w, d: call_forms.QuestionForm(d, instance=CallQuestion(call=w.call)),
        lambda w: {
            "order": "3",
            "label": "In which language would you work in the workshop?",
            "label_fr": "Dans quelle langue travailleriez-vous ?",
            "label_de": "In welcher Sprache würden Sie arbeiten?",
            "kind": "choice",
            "choices": "English\r\nFrench\r\nGerman",
            "choices_fr": "anglais\r\nfrançais\r\nallemand",
            "choices_de": "",
            "required": "on",
            "max_mb": "5",
            "allowed_types": "pdf, docx",
        },
    ),
    Case("targets", lambda w, d: enrolment_forms.TargetsForm(d), targets_data),
    # network
    Case(
        "listing",
        lambda w, d: network_forms.ListingForm(d, instance=NetworkListing(user=w.participant)),
        lambda w: {"listed": "on", "audience": "members", "show_country": "on"},
    ),
    Case(
        "directory-search",
        lambda w, d: network_forms.SearchForm(d, tags={"A": "A"}, seminars={"props": "Props"}),
        lambda w: {"country": "BE", "profession": "judge", "tag": "A", "language": "en"},
        api=True,
    ),
    Case(
        "contact",
        lambda w, d: network_forms.ContactForm(d),
        lambda w: {"message": "We work on the same route and should talk."},
        columns={"message": column(ContactRequest, "message")},
    ),
    Case(
        "abuse-report",
        lambda w, d: network_forms.ReportForm(d),
        lambda w: {"reason": "Advertising, not a request."},
        columns={"reason": column(AbuseReport, "reason")},
    ),
    Case(
        "post-report",
        lambda w, d: network_forms.PostReportForm(d),
        lambda w: {"reason": "Names a victim."},
        columns={"reason": column(AbuseReport, "reason")},
    ),
    Case(
        "cohort-post",
        lambda w, d: network_forms.PostForm(d),
        lambda w: {"body": "Slides are online."},
        columns={"body": column(CohortPost, "body")},
    ),
    Case(
        "close-report",
        lambda w, d: network_forms.CloseReportForm(d),
        lambda w: {"outcome": "Warned the sender."},
        columns={"outcome": column(AbuseReport, "outcome")},
    ),
    # library
    Case(
        "practice",
        lambda w, d: library_forms.PracticeForm(d),
        practice_data,
        persist=lambda form, w: [
            library_services.submit_practice(data=form.cleaned_data, by=w.participant)
        ],
        normal={"sources": lambda v: [line.strip() for line in v.splitlines() if line.strip()]},
    ),
    Case(
        "moderation",
        lambda w, d: library_forms.ModerationForm(d),
        lambda w: {"decision": "changes", "access": "registered", "note": "Add a source."},
    ),
    Case(
        "library-comment",
        lambda w, d: library_forms.CommentForm(d),
        lambda w: {"body": "Useful, thanks."},
        columns={"body": column(Comment, "body")},
    ),
    # referrals
    Case(
        "referral-profile",
        lambda w, d: referral_forms.ReferralProfileForm(d),
        referral_data,
        persist=lambda form, w: [
            referral_services.create_referral_profile(
                data=form.cleaned_data, by=make_ngo_user("props-editor@ngo.example")
            )
        ],
        normal={
            "email": lambda v: v.strip().lower(),
            "phone": lambda v: " ".join(v.split()),
            "hotline": lambda v: " ".join(v.split()),
        },
    ),
    Case(
        "referral-editor",
        lambda w, d: referral_forms.EditorForm(d),
        lambda w: {"email": "colleague@ngo.example"},
    ),
    Case(
        "referral-decision",
        lambda w, d: referral_forms.DecisionForm(d, profile=w.referral),
        lambda w: {"decision": "reject", "note": "Not an NGO."},
    ),
    # seminars
    Case("seminar-new", lambda w, d: seminar_forms.SeminarForm(d), seminar_data, api=True),
    Case(
        "seminar-edit",
        lambda w, d: seminar_forms.SeminarForm(d, instance=fresh(w.seminar)),
        lambda w: {
            **seminar_data(w),
            "slug": "props",
            "start_date": "2027-03-16",
            "end_date": "2027-03-17",
            "time_zone": "Europe/Vienna",
        },
        api=True,
    ),
    Case(
        "session",
        lambda w, d: seminar_forms.SessionForm(d, seminar=fresh(w.seminar)),
        session_data,
        api=True,
    ),
    Case(
        "seminar-duplicate",
        lambda w, d: seminar_forms.DuplicateForm(d),
        lambda w: {"start_date": "2028-03-16", "slug": "props-2028", "title": "Again"},
        columns={"title": column(seminar_forms.Seminar, "title")},
    ),
    Case(
        "speaker",
        lambda w, d: seminar_forms.SpeakerForm(d),
        lambda w: {
            "name": "Eva Lindqvist",
            "slug": "props-eva",
            "function": "Judge",
            "organisation": "Court",
            "country": "SE",
            "bio": "",
        },
    ),
    # evaluation
    Case(
        "survey",
        lambda w, d: survey_forms.SurveyForm(d, instance=fresh(w.survey)),
        lambda w: {
            "title": "How was it?",
            "intro": "",
            "opens_at": "2027-03-17T18:00",
            "closes_at": "2027-04-17T18:00",
            "remind_after_days": "7",
        },
    ),
    Case(
        "survey-question",
        lambda w, d: survey_forms.QuestionForm(d, survey=fresh(w.survey)),
        lambda w: {
            "kind": "single",
            "text": "Which part?",
            "options_en": "Morning\nAfternoon",
            "options_fr": "",
            "options_de": "",
            "indicator": "",
            "condition": "",
        },
    ),
    Case(
        "knowledge-build",
        lambda w, d: knowledge_forms.BuildForm(d, instance=KnowledgeTest(seminar=w.seminar)),
        lambda w: {"items_per_element": "2", "post_open_days": "30", "time_limit_minutes": "20"},
    ),
    Case(
        "knowledge-settings",
        lambda w, d: knowledge_forms.SettingsForm(d, instance=KnowledgeTest(seminar=w.seminar)),
        lambda w: {"post_open_days": "30", "time_limit_minutes": "20"},
    ),
    Case(
        "knowledge-redraw",
        lambda w, d: knowledge_forms.RedrawForm(d, instance=KnowledgeTest(seminar=w.seminar)),
        lambda w: {"items_per_element": "2"},
    ),
    Case(
        "knowledge-replace",
        lambda w, d: knowledge_forms.ReplaceForm(d),
        lambda w: {"item": "1", "question": "2"},
    ),
    Case(
        "report-scope",
        lambda w, d: ScopeForm(d),
        lambda w: {"programme": w.seminar.programme.slug, "seminar": "", "start": "2027-01-01"},
    ),
    # learning and authoring
    Case(
        "essay-grade",
        lambda w, d: EssayGradeForm(d, answer=w.essay_answer),
        lambda w: {"c0": "1.5", "c1": "1", "feedback": "Good."},
    ),
    Case(
        "module",
        lambda w, d: ModuleForm(d, may_assign_owners=True),
        module_data,
    ),
    Case(
        "quiz",
        lambda w, d: QuizForm(d, instance=Quiz.objects.get(module=w.module)),
        quiz_data,
    ),
    Case(
        "lesson",
        lambda w, d: LessonForm(d, instance=Lesson(module=w.module, order=1)),
        lambda w: {
            "title": "Lesson",
            "body": "## Text",
            "title_fr": "",
            "body_fr": "",
            "source_urls": "https://example.org/a",
        },
    ),
    Case(
        "lesson-image",
        lambda w, d: ImageForm(d, {"image": SimpleUploadedFile("map.png", b"\x89PNG\r\n")}),
        lambda w: {"alt": "A map", "target": "body"},
    ),
    Case(
        "library-entry",
        lambda w, d: EntryForm(d),
        entry_data,
    ),
    Case(
        "bank-question",
        lambda w, d: BankQuestionForm(d, module=w.module),
        bank_question_data,
        columns={
            "name": column(BankQuestion, "name"),
            "idnumber": column(BankQuestion, "idnumber"),
            "category": column(BankQuestion, "category"),
            "source": column(BankQuestion, "source"),
        },
    ),
    Case(
        "bank-filter",
        lambda w, d: BankFilter(d),
        lambda w: {"q": "law", "category": "A", "tag": "cyber", "kind": "", "hidden": "no"},
    ),
    Case(
        "row-choice",
        lambda w, d: kind_forms.ChoiceRow(d),
        lambda w: {"text": "Yes", "fraction": "100", "feedback": ""},
    ),
    Case(
        "row-pair",
        lambda w, d: kind_forms.PairRow(d),
        lambda w: {"left": "Europol", "right": "The Hague"},
    ),
    Case("row-item", lambda w, d: kind_forms.ItemRow(d), lambda w: {"text": "First"}),
    Case(
        "row-answer",
        lambda w, d: kind_forms.AnswerRow(d),
        lambda w: {"text": "JIT", "fraction": "100", "feedback": ""},
    ),
    Case(
        "row-number",
        lambda w, d: kind_forms.NumberRow(d),
        lambda w: {"answer": "3,5", "tolerance": "0.1", "fraction": "100", "feedback": ""},
    ),
    Case(
        "row-unit",
        lambda w, d: kind_forms.UnitRow(d),
        lambda w: {"unit": "km", "multiplier": "1000"},
    ),
    Case(
        "row-gap-word",
        lambda w, d: kind_forms.GapWordRow(d),
        lambda w: {"text": "victim", "group": "1"},
    ),
    Case(
        "row-rubric",
        lambda w, d: kind_forms.RubricRow(d),
        lambda w: {"criterion": "Law", "points": "2"},
    ),
    Case(
        "settings-true-false",
        lambda w, d: kind_forms.TrueFalseSettings(d),
        lambda w: {"answer": "true", "feedback_true": "", "feedback_false": ""},
    ),
    Case(
        "settings-matching",
        lambda w, d: kind_forms.MatchingSettings(d),
        lambda w: {"shuffle": "on", "distractors": "Paris\nRome"},
    ),
    Case(
        "settings-numeric",
        lambda w, d: kind_forms.NumericSettings(d),
        lambda w: {"unitgradingtype": "1", "unitpenalty": "0.1"},
    ),
    Case(
        "settings-essay",
        lambda w, d: kind_forms.EssaySettings(d),
        lambda w: {
            "grader_info": "",
            "response_template": "",
            "min_words": "50",
            "max_words": "400",
        },
    ),
    # labs
    Case("lab", lambda w, d: LabForm(d), lab_data),
    Case("lab-regenerate", lambda w, d: RegenerateForm(d), lambda w: {"seed": "42"}),
    Case(
        "lab-flag",
        lambda w, d: FlagForm(d),
        lambda w: {"item": "PER-001", "category": "third_party", "confidence": "2", "note": ""},
    ),
    # workshops
    Case(
        "allocate",
        lambda w, d: allocation_forms.AllocateForm(d),
        lambda w: {"slot": "1", "mode": "groups", "number": "4"},
    ),
    Case(
        "pairing-rule",
        lambda w, d: allocation_forms.RuleForm(d, people=w.people),
        lambda w: {
            "first": str(w.people[0].pk),
            "second": str(w.people[1].pk),
            "kind": PairingRule.Kind.choices[0][0],
            "note": "Same unit",
        },
        columns={"note": column(PairingRule, "note")},
    ),
    Case(
        "move",
        lambda w, d: allocation_forms.MoveForm(d),
        lambda w: {"membership": "1", "group": "2"},
    ),
    Case(
        "jit-comment",
        lambda w, d: jit_forms.CommentForm(d),
        lambda w: {"body": "Check the dates."},
    ),
    *(jit_section_case(s.key) for s in jit_schema.SECTIONS if s.fields),
    *(jit_row_case(s.key) for s in jit_schema.SECTIONS if s.rows),
]

IDS = [case.id for case in CASES]
assert len(set(IDS)) == len(IDS)


def exercise(case: Case, world: World, data: dict, *, as_posted: bool):
    """Build the form on `data` and check the properties; returns the form."""
    form = case.make(world, posted(data) if as_posted else raw(data))
    valid = form.is_valid()  # (1) never raises
    assert valid in (True, False)
    form.as_div()  # the view shows the form again with its errors
    for name, errors in form.errors.items():
        assert name == "__all__" or name in form.fields
        assert all(isinstance(str(e), str) for e in errors)
    if not valid:
        return form
    assert_no_nul(form.cleaned_data)  # (2)
    if not as_posted:
        return form
    for name, text in data.items():  # (4) the documented normalisation, and nothing else
        if name not in form.cleaned_data or name not in form.fields:
            continue
        sent, cleaned = received(text), form.cleaned_data[name]
        if name in case.normal:
            assert cleaned == case.normal[name](sent), name
        elif (
            type(form.fields[name]) in (forms.CharField, forms.EmailField)
            and form.fields[name].strip
            and not hasattr(form, f"clean_{name}")
            and cleaned is not None
        ):
            assert cleaned == sent.strip(), name
    for name, target in case.columns.items():  # (3) a plain form's values fit their columns
        if name in form.cleaned_data:
            assert_fits_column(form.cleaned_data[name], target, name)
    stored = []
    with transaction.atomic():  # (3) saving works, and what is stored fits the database
        if case.persist is not None:
            stored = case.persist(form, world)
        elif isinstance(form, forms.ModelForm):
            stored = [form.save()]
        for obj in stored:
            obj.refresh_from_db()
            assert_fits(obj)
        transaction.set_rollback(True)
    return form


@pytest.fixture
def world(db):
    return World()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_valid_data_of_each_form_is_accepted_and_saved(case, world):
    """The starting point of the properties: a form that refused everything would pass them
    without proving anything."""
    form = exercise(case, world, case.base(world), as_posted=True)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("case", CASES, ids=IDS)
@fast(40)
@given(data=st.data())
def test_any_input_is_refused_with_messages_or_accepted_and_stored_safely(case, world, data):
    base = case.base(world)
    fields = case.make(world, None).fields
    names = data.draw(
        st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=3, unique=True)
    )
    values = dict(base)
    for name in names:
        values[name] = data.draw(value_for(fields[name], base.get(name)), label=name)
    as_posted = data.draw(st.booleans(), label="posted") if case.api else True
    exercise(case, world, values, as_posted=as_posted)


# --- regressions: what the properties found --------------------------------------------------

FOUND = {c.id: c for c in CASES}


@pytest.mark.parametrize(
    ("case_id", "name", "value"),
    [
        # A list field checked for NUL on the list's repr, where "\x00" is four harmless
        # characters: the NUL reached the JSON column (PostgreSQL refuses it in jsonb).
        ("module", "objectives", "\x00"),
        ("module", "objectives_de", "\x00"),
        ("module", "sources", "Directive\x00"),
        ("lesson", "source_urls", "https://example.org/a\x00"),
        ("library-entry", "citations", "2011/36/EU\x00"),
        ("library-entry", "sources", "a\x00 | https://example.org"),
        # A moment stored in UTC beyond Python's years 1 to 9999: the valid form's save raised
        # OverflowError (the survey's form already in is_valid, comparing it with now).
        ("quiz", "closes_at", "9999-12-31T23:59-05:00"),
        ("quiz", "closes_at", "0001-01-01 00:00"),
        ("call", "opens_at", "0001-01-01 00:00"),
        ("survey", "opens_at", "0001-01-01 00:00"),
        ("survey", "closes_at", "9999-12-31T23:59-05:00"),
        # A choice of a model by an id beyond 64 bits: `pk__in` raised OverflowError on SQLite.
        ("module", "tags", ["99999999999999999999"]),
        ("quiz", "questions", ["99999999999999999999"]),
        ("practice", "tags", ["-99999999999999999999"]),
        ("listing", "tags", ["99999999999999999999"]),
        ("session", "speakers", ["99999999999999999999"]),
    ],
)
def test_found_inputs_are_refused_at_their_field(world, case_id, name, value):
    case = FOUND[case_id]
    form = exercise(case, world, {**case.base(world), name: value}, as_posted=True)
    assert not form.is_valid()
    assert name in form.errors, form.errors


def test_a_moment_at_the_edge_of_the_years_is_refused_with_a_message(world):
    form = QuizForm(
        posted({**quiz_data(world), "closes_at": "0001-01-01 00:00"}),
        instance=Quiz.objects.get(module=world.module),
    )
    assert form.errors["closes_at"] == ["This date is too far in the past or the future."]
    kept = QuizForm(
        posted({**quiz_data(world), "closes_at": "0001-01-02 00:00"}),
        instance=Quiz.objects.get(module=world.module),
    )
    assert kept.is_valid(), kept.errors  # what the database can hold is still accepted
