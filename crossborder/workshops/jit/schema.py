"""The sections and fields of a JIT agreement and its operational action plan.

The sections follow the EU model agreement for setting up a joint investigation team (Council
Resolution 2017/C 18/01, OJ C 18, 19.1.2017, p. 1) by title, not by clause number. A group's
draft stores its answers in `Draft.content`, keyed by section:

    {"period": {"start": "2026-05-01", "end": "2027-04-30", "extension": "…"},
     "leaders": {"rows": [{"state": "State A", "name": "…", "function": "…", "authority": "…"}]}}

A section has scalar fields, a list of rows (parties, States, leaders …), or both.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TEXT_MAX = 200  # one line: a name, a place, a State
LONG_MAX = 4000  # a clause
MAX_ROWS = 30  # per section: more than any real JIT has parties, leaders or actions


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | long | date | choice
    help: str = ""
    choices: tuple = ()

    @property
    def max_length(self) -> int:
        return LONG_MAX if self.kind == "long" else TEXT_MAX


@dataclass(frozen=True)
class Rows:
    """A repeating item of a section: its columns, and what one row is called."""

    item: str
    columns: tuple[Field, ...]

    def column(self, key: str) -> Field | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    part: str  # agreement | plan
    intro: str = ""
    fields: tuple[Field, ...] = ()
    rows: Rows | None = None

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


BODIES = (
    ("eurojust", _("Eurojust")),
    ("europol", _("Europol")),
    ("olaf", _("OLAF")),
    ("third_state", _("Third State")),
    ("other", _("Other body")),
)
MEMBER_KINDS = (("member", _("Member")), ("seconded", _("Seconded member")))

STATE = Field("state", _("State"))
NAME = Field("name", _("Name"))
FUNCTION = Field("function", _("Function"))
AUTHORITY = Field("authority", _("Authority"))

SECTIONS: tuple[Section, ...] = (
    Section(
        "parties",
        _("Parties to the agreement"),
        "agreement",
        _("The competent authorities of each State that sets up the team."),
        rows=Rows(_("party"), (STATE, Field("authority", _("Competent authority")))),
    ),
    Section(
        "purpose",
        _("Purpose of the JIT"),
        "agreement",
        fields=(
            Field(
                "description",
                _("Purpose and offences investigated"),
                "long",
                _("The criminal investigations the team carries out, and why jointly."),
            ),
            Field("case_references", _("National case references")),
        ),
    ),
    Section(
        "period",
        _("Period of operation"),
        "agreement",
        fields=(
            Field("start", _("Start"), "date"),
            Field("end", _("End"), "date"),
            Field(
                "extension",
                _("Extension rule"),
                "long",
                _("How the parties extend the period, e.g. by mutual written agreement."),
            ),
        ),
    ),
    Section(
        "states",
        _("Member States in which the JIT operates"),
        "agreement",
        rows=Rows(_("State"), (STATE, Field("activity", _("What the team does there")))),
    ),
    Section(
        "leaders",
        _("Leaders of the JIT"),
        "agreement",
        _("One leader per State in which the team operates; the team acts under that State's law."),
        rows=Rows(_("leader"), (STATE, NAME, FUNCTION, AUTHORITY)),
    ),
    Section(
        "members",
        _("Members and seconded members"),
        "agreement",
        rows=Rows(
            _("member"),
            (
                STATE,
                NAME,
                FUNCTION,
                AUTHORITY,
                Field("kind", _("Kind"), "choice", choices=MEMBER_KINDS),
            ),
        ),
    ),
    Section(
        "participants",
        _("Participation of Eurojust, Europol, OLAF, other bodies or third States"),
        "agreement",
        _(
            "For a third State, note the legal basis (e.g. Art. 20 of the Second Additional "
            "Protocol to the 1959 Council of Europe MLA Convention, or Art. 19 UNTOC)."
        ),
        rows=Rows(
            _("participant"),
            (
                Field("body", _("Body or State"), "choice", choices=BODIES),
                NAME,
                Field("role", _("Role")),
                Field("legal_basis", _("Legal basis")),
            ),
        ),
    ),
    Section(
        "evidence",
        _("Evidence gathering, access to and use of information, admissibility"),
        "agreement",
        fields=(
            Field("gathering", _("Evidence gathering"), "long"),
            Field("information", _("Access to and use of information"), "long"),
            Field("admissibility", _("Admissibility"), "long"),
        ),
    ),
    Section(
        "confidentiality",
        _("Confidentiality and data protection"),
        "agreement",
        fields=(
            Field("confidentiality", _("Confidentiality"), "long"),
            Field("data_protection", _("Data protection"), "long"),
        ),
    ),
    Section(
        "costs",
        _("Costs, insurance and EU funding"),
        "agreement",
        fields=(
            Field("costs", _("Costs"), "long"),
            Field("insurance", _("Insurance"), "long"),
            Field(
                "funding",
                _("Application for EU (Eurojust) JIT funding"),
                "long",
                _("Who applies, for which costs (travel, interpretation, equipment …)."),
            ),
        ),
    ),
    Section(
        "evaluation",
        _("Evaluation"),
        "agreement",
        fields=(Field("evaluation", _("Evaluation clause"), "long"),),
    ),
    Section(
        "signatures",
        _("Signatures"),
        "agreement",
        fields=(Field("place", _("Place")), Field("date", _("Date"), "date")),
        rows=Rows(_("signatory"), (STATE, NAME, FUNCTION)),
    ),
    Section(
        "plan_objectives",
        _("Objectives"),
        "plan",
        fields=(Field("objectives", _("Operational objectives"), "long"),),
    ),
    Section(
        "plan_actions",
        _("Actions"),
        "plan",
        rows=Rows(
            _("action"),
            (
                Field("action", _("Action")),
                Field("owner", _("Owner")),
                STATE,
                Field("deadline", _("Deadline"), "date"),
            ),
        ),
    ),
    Section(
        "plan_communication",
        _("Communication"),
        "plan",
        fields=(
            Field(
                "communication",
                _("Channels and meetings"),
                "long",
                _("Secure channels (e.g. SIENA), coordination meetings, a joint media line."),
            ),
        ),
    ),
    Section(
        "plan_action_day",
        _("Action day"),
        "plan",
        fields=(
            Field("date", _("Date"), "date"),
            Field("plan", _("Plan of the action day"), "long"),
        ),
    ),
)

BY_KEY = {s.key: s for s in SECTIONS}
PARTS = (("agreement", _("JIT agreement")), ("plan", _("Operational action plan")))


def section(key: str) -> Section | None:
    return BY_KEY.get(key)


def sections_of(part: str) -> list[Section]:
    return [s for s in SECTIONS if s.part == part]


def value(content: dict, section_key: str, field_key: str) -> str:
    """One field's text in a draft's content ('' when absent)."""
    data = (content or {}).get(section_key) or {}
    v = data.get(field_key, "") if isinstance(data, dict) else ""
    return v.strip() if isinstance(v, str) else ""


def rows(content: dict, section_key: str) -> list[dict]:
    data = (content or {}).get(section_key) or {}
    found = data.get("rows", []) if isinstance(data, dict) else []
    return [r for r in found if isinstance(r, dict)]


def is_filled(content: dict, s: Section) -> bool:
    """Whether anything at all is written in a section."""
    return any(value(content, s.key, f.key) for f in s.fields) or bool(rows(content, s.key))


def choice_label(f: Field, key: str) -> str:
    return str(dict(f.choices).get(key, key))
