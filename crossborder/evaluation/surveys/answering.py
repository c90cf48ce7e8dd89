"""Reading a person's answers from the submitted form, and checking them on the server.

The form works without JavaScript: every question is on the page and a conditional one says
when it applies. Which questions apply is decided here from the earlier answers, so an answer
to a question that does not apply is refused, as is a missing answer to a required question
that does, a choice that is not offered, or a session or speaker not on the timetable.

Field names: `q<id>` (one value, several for a multiple choice), `q<id>-s<session id>` and
`q<id>-p<speaker id>` for the ratings of sessions and speakers.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from crossborder.evaluation.models import SurveyAnswer, SurveyQuestion
from crossborder.evaluation.models.surveys import LARGEST_NUMBER

Kind = SurveyQuestion.Kind
TEXT_LIMIT = 4000


@dataclass
class Parsed:
    """What the person gave for each question (as typed), the answers to store, the errors."""

    values: dict = field(default_factory=dict)  # field name -> value(s), to show the form again
    answers: list = field(default_factory=list)  # unsaved SurveyAnswer rows
    errors: dict = field(default_factory=dict)  # question id -> message

    @property
    def valid(self) -> bool:
        return not self.errors


@dataclass
class Item:
    """One rated row of a rating question: a session or a speaker."""

    key: str
    label: str
    session: object = None
    speaker: object = None


def rated_items(question, sessions, speakers) -> list[Item]:
    """The sessions or speakers a rating question asks about, from the seminar's timetable."""
    if question.kind == Kind.SESSION_RATING:
        return [Item(f"q{question.pk}-s{s.pk}", s.title_local, session=s) for s in sessions]
    if question.kind == Kind.SPEAKER_RATING:
        return [Item(f"q{question.pk}-p{p.pk}", p.name, speaker=p) for p in speakers]
    return []


def applies(question, chosen: dict) -> bool:
    """Whether a question applies, given the choices made so far ({question id: {values}})."""
    if not question.is_conditional:
        return True
    return question.condition_choice in chosen.get(question.condition_question_id, set())


def _int(value: str) -> int | None:
    value = (value or "").strip()
    if not value or not value.lstrip("-").isdigit():
        return None
    return int(value)


def parse(questions, data, *, sessions, speakers) -> Parsed:
    """Check the submitted `data` (a QueryDict) against the survey's `questions` (in order)."""
    result = Parsed()
    chosen: dict[int, set] = {}  # question id -> the choices made, for conditions
    for q in questions:
        name = f"q{q.pk}"
        before = len(result.answers)
        given = _read(q, name, data, result, sessions, speakers)
        if q.pk in result.errors:
            continue
        if q.condition_question_id in result.errors:
            del result.answers[before:]  # judged once the earlier answer is right
            continue
        if not applies(q, chosen):
            if given:
                condition = q.condition_question
                result.errors[q.pk] = _(
                    "This question applies only if you answered “%(choice)s” to “%(question)s”. "
                    "Leave it empty, or change your earlier answer."
                ) % {
                    "choice": condition.choice_label(q.condition_choice),
                    "question": condition.text_local,
                }
            del result.answers[before:]
            continue
        if q.required and not given:
            result.errors[q.pk] = (
                _("Rate at least one session or speaker.")
                if q.kind in SurveyQuestion.RATING_KINDS
                else _("Please answer this question.")
            )
            continue
        if q.kind in SurveyQuestion.CHOICE_KINDS:
            chosen[q.pk] = {a.choice for a in result.answers[before:]}
    return result


def _read(q, name, data, result, sessions, speakers) -> bool:
    """Read one question's field(s) into `result`; True when the person answered it."""
    if q.kind == Kind.MULTIPLE:
        raw = [v for v in data.getlist(name) if v.strip()]
        result.values[name] = raw
        offered = dict(q.choices())
        picked = [_int(v) for v in raw]
        if any(p not in offered for p in picked):
            result.errors[q.pk] = _("Choose only among the choices offered.")
            return bool(raw)
        for p in sorted(set(picked)):
            result.answers.append(SurveyAnswer(question=q, choice=p))
        return bool(raw)
    if q.kind in (Kind.LIKERT, Kind.SINGLE):
        raw = data.get(name, "").strip()
        result.values[name] = raw
        if not raw:
            return False
        picked = _int(raw)
        if picked not in dict(q.choices()):
            result.errors[q.pk] = _("Choose one of the answers offered.")
            return True
        result.answers.append(SurveyAnswer(question=q, choice=picked))
        return True
    if q.kind in SurveyQuestion.RATING_KINDS:
        given = False
        items = rated_items(q, sessions, speakers)
        known = {item.key for item in items}
        stray = [k for k in data if k.startswith(f"{name}-") and k not in known]
        if any(data.get(k, "").strip() for k in stray):
            result.errors[q.pk] = _("Rate only the sessions and speakers of this seminar.")
            return True
        for item in items:
            raw = data.get(item.key, "").strip()
            result.values[item.key] = raw
            if not raw:
                continue  # "did not attend" / "did not hear"
            given = True
            picked = _int(raw)
            if picked is None or not 1 <= picked <= 5:
                result.errors[q.pk] = _("A rating goes from 1 to 5.")
                return True
            result.answers.append(
                SurveyAnswer(question=q, choice=picked, session=item.session, speaker=item.speaker)
            )
        return given
    if q.kind == Kind.NUMBER:
        raw = data.get(name, "").strip()
        result.values[name] = raw
        if not raw:
            return False
        number = _int(raw)
        if number is None or number < 0:
            result.errors[q.pk] = _("Enter a whole number, 0 or more (for example 3).")
            return True
        if number > LARGEST_NUMBER:
            result.errors[q.pk] = _("Enter a number up to %(n)s.") % {"n": LARGEST_NUMBER}
            return True
        result.answers.append(SurveyAnswer(question=q, number=number))
        return True
    raw = data.get(name, "").strip()  # free text
    result.values[name] = raw
    if not raw:
        return False
    if "\x00" in raw:  # as Django's forms refuse it (PostgreSQL cannot store it)
        result.errors[q.pk] = _("Null characters are not allowed.")
        return True
    if len(raw) > TEXT_LIMIT:
        result.errors[q.pk] = _("Please keep your answer under %(n)s characters.") % {
            "n": TEXT_LIMIT
        }
        return True
    result.answers.append(SurveyAnswer(question=q, text=raw))
    return True
