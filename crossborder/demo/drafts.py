"""Demo: the JIT agreements the groups of the Lisbon seminar drafted in the joint-investigation-
team exercise (the closed run of its second workshop slot), in different states of completeness,
with a few of the trainer's comments.

The case is kept generic so that it fits the exercise's case file: recruitment online in State A,
sexual exploitation in State B, labour exploitation in State C, proceeds laundered through
State D and a third country. The names are fictional.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import User
from crossborder.workshops.models import Draft, DraftComment, ExerciseRun

SEMINAR = "lisbon-2026-follow-the-money"
TRAINER = "trainer@example.org"


MEMBER = ("state", "name", "function", "authority", "kind")


def _rows(keys, *values) -> list[dict]:
    return [dict(zip(keys, v, strict=True)) for v in values]


def _nearly_complete(operation: str, start: date) -> dict:
    end = start + timedelta(days=365)
    return {
        "parties": {
            "rows": [
                {"state": "State A", "authority": "Public Prosecution Service, Central Office"},
                {"state": "State B", "authority": "Prosecutor's Office of the Capital Region"},
                {
                    "state": "State C",
                    "authority": "National Prosecutor's Office, Organised Crime Unit",
                },
                {
                    "state": "State D",
                    "authority": "Public Prosecutor's Office, Economic Crime Division",
                },
            ]
        },
        "purpose": {
            "description": (
                f"{operation}: to investigate jointly an organised criminal group that recruits "
                "young women and men through online job advertisements in State A, exploits them "
                "sexually in State B and in agriculture and food processing in State C, and "
                "launders the proceeds through companies and accounts in State D and a third "
                "country. Offences: trafficking in human beings for sexual and labour "
                "exploitation, participation in a criminal organisation, money laundering. The "
                "victims, suspects and money move between the four States, so evidence gathered "
                "in one is needed in the others."
            ),
            "case_references": "A: 114/26-THB; B: 2026/0381; C: OC-26-045; D: ML 2026-77",
        },
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "extension": (
                "The period may be extended by mutual written agreement of the Parties, to be "
                "signed before the end date, for as long as the investigations require."
            ),
        },
        "states": {
            "rows": [
                {
                    "state": "State A",
                    "activity": "Recruitment websites, advertisers, victims' families",
                },
                {
                    "state": "State B",
                    "activity": "Apartments used for sexual exploitation; victim interviews",
                },
                {
                    "state": "State C",
                    "activity": "Farms and the labour-hire agency; labour inspection",
                },
                {"state": "State D", "activity": "Shell companies, bank accounts, asset tracing"},
            ]
        },
        "leaders": {
            "rows": [
                {"state": s, "name": n, "function": f, "authority": a}
                for s, n, f, a in (
                    ("State A", "Marta Kovač", "Public prosecutor", "Central Office"),
                    ("State B", "Luc Meunier", "Investigating prosecutor", "Capital Region"),
                    ("State C", "Sofia Reis", "Public prosecutor", "Organised Crime Unit"),
                    ("State D", "Jonas Albrecht", "Senior prosecutor", "Economic Crime Division"),
                )
            ]
        },
        "members": {
            "rows": _rows(
                MEMBER,
                (
                    "State A",
                    "Insp. Petra Novak",
                    "Cybercrime investigator",
                    "National Police",
                    "member",
                ),
                ("State B", "Cdt. Hugo Lambert", "THB unit", "Judicial Police", "seconded"),
                ("State C", "Ana Duarte", "Labour inspector", "Labour Inspectorate", "member"),
                ("State D", "Erik Vogel", "Financial investigator", "FIU liaison", "seconded"),
            )
        },
        "participants": {
            "rows": [
                {
                    "body": "eurojust",
                    "name": "National desks A–D",
                    "role": "Coordination meetings, JIT funding, conflicts of jurisdiction",
                    "legal_basis": "",
                },
                {
                    "body": "europol",
                    "name": "Analysis support",
                    "role": (
                        "Cross-checks, operational analysis, SIENA channel, support on the action "
                        "day"
                    ),
                    "legal_basis": "",
                },
                {
                    "body": "third_state",
                    "name": "Country E",
                    "role": "Accounts and a company receiving the proceeds",
                    "legal_basis": (
                        "Art. 20 of the Second Additional Protocol to the 1959 Council of Europe "
                        "MLA Convention"
                    ),
                },
            ]
        },
        "evidence": {
            "gathering": (
                "Each measure is carried out under the law of the State where the team acts, led "
                "by that State's leader; seconded members may carry out measures as the leader "
                "decides. Victim interviews are video-recorded and held once where possible."
            ),
            "information": (
                "Information lawfully obtained by the team may be used for the purposes of this "
                "JIT; for other purposes only with the consent of the State where it was obtained, "
                "or to prevent an immediate and serious threat to public security."
            ),
            "admissibility": (
                "The Parties exchange in advance their rules on recording interviews and chain "
                "of custody of seized devices, so that evidence can be used in the courts of each "
                "State."
            ),
        },
        "confidentiality": {
            "confidentiality": (
                "Existence and work of the team are confidential; no disclosure without the "
                "leaders' agreement. Joint media line on the action day."
            ),
            "data_protection": (
                "Personal data of suspects, victims and witnesses are processed under each Party's"
                " data protection law (the national rules transposing Directive (EU) 2016/680); "
                "victims' identities are pseudonymised in shared files."
            ),
        },
        "costs": {
            "costs": (
                "Each Party bears the costs of its own members; interpretation at joint meetings "
                "is shared."
            ),
            "insurance": (
                "Each Party insures its own members, including seconded members acting abroad."
            ),
            "funding": (
                "State C applies on behalf of the team for Eurojust JIT funding (travel, "
                "accommodation, interpretation, translation of victim statements) through the JITs"
                " Portal once the agreement is signed."
            ),
        },
        "evaluation": {
            "evaluation": (
                "Mid-term review after six months; at the end the leaders complete the JIT "
                "evaluation form with Eurojust's support."
            ),
        },
        "signatures": {
            "place": "The Hague",
            "date": start.isoformat(),
            "rows": [
                {"state": s, "name": n, "function": "Public prosecutor"}
                for s, n in (
                    ("State A", "Marta Kovač"),
                    ("State B", "Luc Meunier"),
                    ("State C", "Sofia Reis"),
                )
            ],
        },
        "plan_objectives": {
            "objectives": (
                "Identify and safeguard the victims; identify the leaders of the group and the "
                "recruiters; trace and freeze the proceeds in State D and Country E; prepare "
                "simultaneous arrests and searches."
            ),
        },
        "plan_actions": {
            "rows": [
                {
                    "action": "Preserve data of the advertising accounts",
                    "owner": "Insp. Petra Novak",
                    "state": "State A",
                    "deadline": (start + timedelta(days=14)).isoformat(),
                },
                {
                    "action": "Joint labour inspection of the two farms",
                    "owner": "Ana Duarte",
                    "state": "State C",
                    "deadline": (start + timedelta(days=45)).isoformat(),
                },
                {
                    "action": "Bank requests and freezing of the company accounts",
                    "owner": "Erik Vogel",
                    "state": "State D",
                    "deadline": (start + timedelta(days=60)).isoformat(),
                },
            ]
        },
        "plan_communication": {
            "communication": (
                "Weekly call of the leaders; operational information through SIENA; a coordination"
                " centre at Eurojust on the action day."
            ),
        },
        "plan_action_day": {
            "date": (start + timedelta(days=120)).isoformat(),
            "plan": (
                "Simultaneous arrests and searches in States A–D; victim support organisations on "
                "site in States B and C."
            ),
        },
    }


def _half_done(operation: str, start: date) -> dict:
    """Parties, States and leaders mostly there; no evaluation clause, no funding line."""
    return {
        "parties": {
            "rows": [
                {"state": "State B", "authority": "Prosecutor's Office of the Capital Region"},
                {"state": "State C", "authority": "National Prosecutor's Office"},
            ]
        },
        "purpose": {
            "description": (
                f"{operation}: trafficking for sexual exploitation in State B and labour "
                "exploitation in State C by the same network; money laundering."
            ),
        },
        "period": {"start": start.isoformat(), "end": (start + timedelta(days=180)).isoformat()},
        "states": {
            "rows": [
                {"state": "State B", "activity": "Victims and apartments"},
                {"state": "State C", "activity": "Farms, agency"},
                {"state": "State D", "activity": "Bank accounts"},
            ]
        },
        "leaders": {
            "rows": [
                {
                    "state": "State B",
                    "name": "Luc Meunier",
                    "function": "Prosecutor",
                    "authority": "Capital Region",
                },
                {
                    "state": "State C",
                    "name": "Sofia Reis",
                    "function": "Prosecutor",
                    "authority": "National Prosecutor's Office",
                },
            ]
        },
        "members": {
            "rows": _rows(
                MEMBER,
                ("State B", "Cdt. Hugo Lambert", "THB unit", "Judicial Police", "member"),
                ("State C", "Ana Duarte", "Labour inspector", "", ""),
            )
        },
        "participants": {
            "rows": [
                {"body": "europol", "name": "", "role": "Analysis", "legal_basis": ""},
                {
                    "body": "third_state",
                    "name": "Country E",
                    "role": "Bank accounts",
                    "legal_basis": "",
                },
            ]
        },
        "evidence": {
            "gathering": "Under the law of the State where the measure is taken.",
        },
        "confidentiality": {"confidentiality": "Confidential; no press before the action day."},
    }


def _barely_started(operation: str, start: date) -> dict:
    return {
        "parties": {"rows": [{"state": "State A", "authority": "Public Prosecution Service"}]},
        "purpose": {"description": f"{operation}: online recruitment in State A."},
    }


COMMENTS = [
    # (group index, section, text)
    (
        0,
        "participants",
        (
            "Good that you noted the legal basis for Country E. Did you check whether Country E "
            "has ratified the Second Additional Protocol? If not, Art. 19 UNTOC may be the basis."
        ),
    ),
    (
        1,
        "leaders",
        (
            "You list State D as an operating State but name no leader there: who directs the "
            "measures taken on its territory?"
        ),
    ),
    (
        1,
        "costs",
        (
            "Think about the Eurojust JIT funding early: interpretation of the victim statements "
            "will be your largest cost."
        ),
    ),
]


@transaction.atomic
def seed_jit_drafts(*, operation: str = "Operation Crossing Lines") -> dict:
    """One draft per group of the Lisbon seminar's closed JIT run: one nearly complete and
    submitted, one half done (no evaluation clause, no funding line), one barely started; and
    the trainer's comments. Does nothing (and says so) when that run does not exist."""
    runs = (
        ExerciseRun.objects.filter(workshop__seminar__slug=SEMINAR, exercise__kind="jit_agreement")
        .select_related("workshop")
        .order_by("workshop__start")
    )
    run = runs.filter(status=ExerciseRun.Status.CLOSED).first() or runs.first()
    if run is None:
        return {"drafts": 0, "comments": 0, "note": f"no JIT exercise run in {SEMINAR}"}
    groups = list(run.workshop.groups.select_related("trainer__user").order_by("number"))
    start = timezone.localdate(run.opened_at or run.created_at) + timedelta(days=30)
    makers = [_nearly_complete, _half_done, _barely_started]
    author = run.created_by or User.objects.filter(email=TRAINER).first()
    stamp = run.closed_at or timezone.now()
    drafts, comments = [], 0
    for n, group in enumerate(groups[: len(makers)]):
        content = makers[n](operation, start)
        member = group.memberships.select_related("application__user").first()
        draft, _created = Draft.objects.update_or_create(
            run=run,
            group=group,
            defaults={
                "content": content,
                "submitted_at": stamp if n == 0 else None,
                "updated_by": member.application.user if member else None,
            },
        )
        drafts.append(draft)
    for n, section, body in COMMENTS:
        if n >= len(drafts):
            continue
        group = groups[n]
        by = group.trainer.user if group.trainer and group.trainer.user else author
        _comment, created = DraftComment.objects.get_or_create(
            draft=drafts[n], section=section, defaults={"body": body, "author": by}
        )
        comments += created
    return {"drafts": len(drafts), "comments": comments, "note": ""}
