"""The facts a credential certifies, in one plain value that every format is built from.

A certificate PDF, its Open Badges 3.0 credential and its European Learning Model export all
say the same thing: who, what, when, where, how many hours of which curriculum element, issued
by whom. `CertifiedFacts` holds exactly that and nothing else (no e-mail, no date of birth, no
organisation), so that a verifier learns only what the certificate states. It is stored with
the credential as it was at issue (`Credential.facts`), and never recomputed afterwards: a
later change of the timetable does not change a certificate already issued.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class ElementHours:
    """Hours attended (or studied) for one element of the curriculum."""

    code: str  # the curriculum tag's slug, e.g. "financial-investigation"
    name: str  # its name in the credential's language
    hours: Decimal


@dataclass(frozen=True)
class CertifiedFacts:
    code: str  # the credential's public verification code
    kind: str  # "attendance" or "completion" (Credential.Kind)
    language: str  # "en", "fr" or "de": the language the credential is written in
    holder_name: str  # the participant's full name, in any script
    achievement: str  # the seminar's or the module's title in that language
    description: str  # one or two sentences on what was attended or completed
    place: str  # "Lisbon, Portugal", or "Online" for a module
    start_date: date
    end_date: date
    issued_at: datetime  # aware, UTC
    issuer_name: str  # the training provider (settings.CREDENTIAL_ISSUER_NAME)
    signatory: str  # name and function of the person who signs, e.g. "Dr A. B., Course director"
    verify_url: str  # absolute https URL of /verify/<code>
    hours: tuple[ElementHours, ...] = field(default_factory=tuple)
    total_hours: Decimal = Decimal("0")
    score_percent: int | None = None  # completion: the passed quiz's score

    def as_json(self) -> dict:
        """A JSON-ready dict (dates ISO 8601, hours as strings); `from_json` reads it back."""
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat()
        data["end_date"] = self.end_date.isoformat()
        data["issued_at"] = self.issued_at.isoformat()
        data["total_hours"] = str(self.total_hours)
        data["hours"] = [
            {"code": h.code, "name": h.name, "hours": str(h.hours)} for h in self.hours
        ]
        return data

    @classmethod
    def from_json(cls, data: dict) -> CertifiedFacts:
        return cls(
            **{
                **data,
                "start_date": date.fromisoformat(data["start_date"]),
                "end_date": date.fromisoformat(data["end_date"]),
                "issued_at": datetime.fromisoformat(data["issued_at"]),
                "total_hours": Decimal(data["total_hours"]),
                "hours": tuple(
                    ElementHours(h["code"], h["name"], Decimal(h["hours"])) for h in data["hours"]
                ),
            }
        )
