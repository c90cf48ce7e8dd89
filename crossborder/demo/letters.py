"""Demo letters of support: some applicants to the open call attach one from their head of unit,
as a Word file named the way people name their files in their own language."""

import io
import random

from django.core.files.base import ContentFile
from docx import Document

from crossborder.enrolment.models import Application, ApplicationFile, Question

LETTER_QUESTION = {
    # not required: the form marks it "(optional)" itself
    "label": "Letter of support from your head of unit",
    "label_fr": "Lettre de soutien de votre chef de service",
    "label_de": "Unterstützungsschreiben Ihrer Dienststellenleitung",
    "allowed_types": ["pdf", "docx"],
    "max_mb": 5,
}
SHARE = 0.3  # of applicants attach a letter

# What the head of unit says the applicant will bring back to the unit.
USE = {
    "judge": "Our chamber hears trafficking cases in which most evidence and many witnesses are "
    "in other Member States; what {first} learns will be shared with the other judges of the "
    "chamber.",
    "prosecutor": "Our office prosecutes trafficking networks active in several Member States, "
    "and joint investigation teams are becoming part of our work; {first} will pass on what "
    "the seminar teaches to the colleagues of the unit.",
    "law_enforcement": "Our unit investigates trafficking for sexual and labour exploitation, "
    "often with partners abroad; {first} will brief the unit on cross-border cooperation "
    "after the seminar.",
    "financial_compliance": "Our team reviews suspicious transactions, and trafficking-related "
    "patterns are a priority for us; {first} will present the financial red flags discussed "
    "at the seminar to the team.",
    "labour_inspector": "Our inspectors meet workers in conditions that may amount to forced "
    "labour; {first} will help us improve how we identify and refer possible victims.",
    "civil_society": "Our organisation supports victims during and after criminal proceedings; "
    "{first} will share what the seminar teaches on referral and cooperation with the "
    "authorities.",
}
FILE_NAMES = {
    "de": "Unterstützungsschreiben_{last}.docx",
    "fr": "Lettre de soutien - {last}.docx",
    "en": "Letter of support {last}.docx",
}
LANGUAGE_OF = {"DE": "de", "AT": "de", "FR": "fr", "BE": "fr", "LU": "fr"}


def _day(date) -> str:
    return f"{date.day} {date:%B}"


def letter(application: Application, seminar) -> bytes:
    """The letter, as a Word document."""
    user = application.user
    person = f"{user.first_name} {user.last_name}"
    document = Document()
    document.add_paragraph(application.organisation)
    written = application.submitted_at
    document.add_paragraph(f"{written.day} {written:%B %Y}")
    document.add_paragraph("To the course director of the seminar")
    document.add_heading(f"Letter of support for {person}", level=1)
    document.add_paragraph(
        f"I support the application of {person}, a member of our staff, to the seminar "
        f"“{seminar.title}” ({_day(seminar.start_date)} to {_day(seminar.end_date)} "
        f"{seminar.end_date.year})."
    )
    use = USE.get(application.profession, USE["law_enforcement"])
    document.add_paragraph(use.format(first=user.first_name))
    document.add_paragraph(
        "We will release our colleague from other duties for the days of the seminar and for "
        "the online modules to be completed before it."
    )
    document.add_paragraph("Head of unit")
    document.add_paragraph(application.organisation)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def attach_letters(call, question: Question, *, always: str) -> int:
    """Attach a letter to about SHARE of the call's applications (always to the applicant with
    the email `always`); each applicant's draw comes from a stream of their own."""
    attached = 0
    applications = call.applications.select_related("user").order_by("pk")
    for application in applications:
        email = application.user.email
        if random.Random(f"letter-{email}").random() >= SHARE and email != always:
            continue
        language = LANGUAGE_OF.get(application.country, "en")
        name = FILE_NAMES[language].format(last=application.user.last_name)
        upload = ApplicationFile(application=application, question=question, original_name=name)
        upload.file.save(name, ContentFile(letter(application, call.seminar)), save=True)
        attached += 1
    return attached
