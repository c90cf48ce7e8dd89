"""Demo activity in the library: a practice waiting for the moderator, and a comment."""

from crossborder.accounts.models import User
from crossborder.curriculum.models import Tag
from crossborder.library.models import Comment, Entry, Kind, Status

SUBMISSION_SLUG = "practice-demo-station-outreach"


def seed_exchange() -> dict:
    """Idempotent: the submission and the comment are made once."""
    marta = User.objects.get(email="participant@example.org")
    created = 0
    if not Entry.objects.filter(slug=SUBMISSION_SLUG).exists():
        entry = Entry.objects.create(
            slug=SUBMISSION_SLUG,
            kind=Kind.PRACTICE,
            status=Status.SUBMITTED,
            author=marta,
            access="registered",
            title="Joint police and NGO outreach at long-distance coach stations",
            summary=(
                "Plain-clothes officers and outreach workers of a victim-support NGO meet "
                "arriving coaches together and hand out information on labour rights and the "
                "national helpline."
            ),
            body=(
                "## Details\n\nWe pair one officer with one outreach worker on the two busiest "
                "arrival days. The NGO leads the conversation; the officer stays in the "
                "background and is called in only when someone asks for help or a minor travels "
                "alone. Leaflets are in six languages.\n\n## What we would change\n\nStart "
                "earlier in the season, before the harvest recruitment peaks."
            ),
            professions=["law_enforcement", "civil_society"],
            countries=["PL"],
            sources=[
                {"title": "Directive 2011/36/EU, Art. 11 (assistance from reasonable grounds)"}
            ],
            details={
                "illustrative": False,
                "country": "PL",
                "problem": (
                    "Workers recruited abroad arrive without knowing where to turn if the job is "
                    "not what they were promised."
                ),
                "action": (
                    "Joint outreach teams (police and NGO) at coach stations on arrival days, "
                    "with multilingual leaflets."
                ),
                "results": (
                    "More calls to the helpline in the weeks after each outreach day; two "
                    "referrals to the NGO's shelter."
                ),
                "contact": "Regional police anti-trafficking unit",
            },
        )
        entry.tags.set(Tag.objects.filter(code__in=["C", "L", "victim"]))
        created += 1
    practice = Entry.objects.filter(slug="practice-jit-early-eurojust").first()
    if practice and not Comment.objects.filter(entry=practice, author=marta).exists():
        Comment.objects.create(
            entry=practice,
            author=marta,
            body=(
                "Same experience in our last JIT: the first coordination meeting saved us weeks "
                "of letters. Book the interpreters before the action day, not after."
            ),
        )
        created += 1
    return {"created": created}
