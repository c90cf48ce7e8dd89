"""The demo trainer on the timetable: trainer@example.org is Pieter Janssens, a Belgian federal
magistrate, who speaks at one past and two coming sessions (his dashboard lists them)."""

from django.db import transaction

from crossborder.accounts.models import User
from crossborder.seminars.models import Session, Speaker

TRAINER = "trainer@example.org"
SPEAKER = {
    "slug": "pieter-janssens",
    "name": "Pieter Janssens",
    "function": "Federal magistrate",
    "organisation": "Federal Prosecutor's Office (Federaal Parket), Brussels",
    "country": "BE",
    "bio": "Pieter Janssens is a federal magistrate in Brussels who prosecutes trafficking "
    "networks operating across several Member States and has taken part in joint "
    "investigation teams supported by Eurojust. He trains prosecutors and police on "
    "corroborating evidence and on cross-border judicial cooperation.",
    "bio_fr": "Pieter Janssens est magistrat fédéral à Bruxelles ; il poursuit des réseaux de "
    "traite actifs dans plusieurs États membres et a participé à des équipes communes "
    "d'enquête soutenues par Eurojust. Il forme procureurs et policiers à la corroboration "
    "des preuves et à la coopération judiciaire transfrontalière.",
    "bio_de": "Pieter Janssens ist föderaler Staatsanwalt in Brüssel. Er verfolgt "
    "Menschenhandelsnetzwerke, die in mehreren Mitgliedstaaten tätig sind, und hat in "
    "gemeinsamen Ermittlungsgruppen mit Unterstützung von Eurojust mitgearbeitet. Er schult "
    "Staatsanwaltschaft und Polizei in der Beweisführung und der grenzüberschreitenden "
    "justiziellen Zusammenarbeit.",
}
# (seminar, session title): a workshop on corroboration in Vienna (held) and two workshops of
# the JIT simulation in The Hague (coming), beside the speakers already on them.
SESSIONS = [
    ("vienna-2026-law-identification-evidence", "Workshop 2A – Corroboration plan"),
    ("the-hague-2027-jits-judicial-cooperation", "JIT simulation 1A – Team Alpha"),
    ("the-hague-2027-jits-judicial-cooperation", "JIT simulation 2A – Evidence in a non-JIT"),
]


@transaction.atomic
def seed_trainer_speaker() -> dict:
    """Idempotent: the trainer's speaker profile, linked to the account, on three sessions."""
    user = User.objects.filter(email=TRAINER).first()
    if user is None:
        return {"sessions": 0}
    fields = {k: v for k, v in SPEAKER.items() if k != "slug"}
    speaker, _ = Speaker.objects.update_or_create(
        slug=SPEAKER["slug"], defaults={**fields, "user": user}
    )
    added = 0
    for seminar, title in SESSIONS:
        session = Session.objects.filter(seminar__slug=seminar, title__startswith=title).first()
        if session is not None:
            session.speakers.add(speaker)  # adding twice changes nothing
            added += 1
    return {"sessions": added}
