"""One applicant from sign-up to a confirmed, checked-in place; a manager through selection
with an override."""

import re
import zipfile
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from crossborder.enrolment.models import Application
from tests.factories import make_applicant, make_call, make_seminar

from .helpers import assert_accessible, page_width, sign_in


def test_it_takes_an_applicant_from_sign_up_to_check_in(
    live_server, browser, screenshots, manager, settings
):
    seminar = make_seminar(capacity=2, status="applications_open")
    call = make_call(seminar)
    for i, (profession, gender) in enumerate(
        [("judge", "male"), ("judge", "female"), ("prosecutor", "male")]
    ):
        returning = make_applicant(
            call, i, profession=profession, gender=gender, country=["DE", "FR", "IT"][i]
        )
        returning.first_time = False  # took part before: the newcomer has the higher priority
        returning.save(update_fields=["first_time"])
    base = live_server.url

    # The applicant signs up, verifies the address, completes the profile and applies.
    applicant = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    applicant.set_default_timeout(10_000)
    applicant.goto(f"{base}/accounts/signup/")
    applicant.get_by_label("Given name").fill("Zuzana")
    applicant.get_by_label("Family name").fill("Horváthová")
    applicant.get_by_label("Email").fill("zuzana@example.org")
    applicant.locator("#id_password1").fill("a long and unusual passphrase 7")
    applicant.locator("#id_password2").fill("a long and unusual passphrase 7")
    applicant.get_by_role("button", name="Sign Up").click()
    link = re.search(r"http://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[-1].body).group(0)
    applicant.goto(link)
    applicant.get_by_role("button", name="Confirm").click()
    applicant.goto(f"{base}/profile/")
    applicant.get_by_label("Profession").select_option(label="Labour inspector")
    applicant.get_by_label("Country").select_option("SK")
    applicant.get_by_label("Organisation").fill("Národný inšpektorát práce")
    applicant.get_by_label("Gender").select_option(label="Woman")
    applicant.get_by_role("button", name="Save profile").click()
    applicant.goto(f"{base}/seminars/{seminar.slug}/")
    applicant.get_by_role("button", name=re.compile("^Apply")).click()
    applicant.get_by_label(re.compile("Why do you want to take part")).fill(
        "I coordinate inspections in agriculture and need to cooperate with the police."
    )
    assert_accessible(applicant)
    applicant.get_by_role("button", name="Submit application").click()
    expect(applicant.get_by_role("status")).to_have_text("Your application has been sent.")
    mine = Application.objects.get(user__email="zuzana@example.org")

    # The manager computes the selection, overrides one decision and publishes.
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.set_default_timeout(10_000)
    sign_in(staff, base, manager.email, totp=True)
    staff.goto(f"{base}/manage/seminars/{seminar.slug}/selection/")
    staff.get_by_label("Seats").fill("2")
    staff.get_by_label("Judge: at most").fill("1")
    # The run goes onto the real database queue; its page polls until a worker has solved it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    staff.get_by_role("button", name="Compute the selection").click()
    expect(staff.locator("#run-status")).to_contain_text("Queued")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "selection-run-queued.png", full_page=True)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    expect(staff.locator("#run-status")).to_contain_text("Done: the selection is computed.")
    staff.screenshot(path=screenshots / "selection-run-done.png", full_page=True)
    staff.get_by_role("button", name="Review the result").click()
    expect(staff.get_by_role("status").first).to_contain_text("Every target is met")
    # A first-time inspector from a country not yet reached has the highest priority.
    expect(staff.locator("tr.is-selected", has_text="Zuzana Horváthová")).to_have_count(1)
    # Override: swap the other selected person for someone from the waiting list.
    other = staff.locator("tr.is-selected").filter(has_not_text="Zuzana").first
    other_name = other.locator("td").first.inner_text()
    other.get_by_role("button", name="Deselect", exact=True).click()
    waiting = staff.locator("tbody tr:not(.is-selected)").filter(has_not_text=other_name).first
    waiting_name = waiting.locator("td").first.inner_text()
    waiting.get_by_role("button", name="Select", exact=True).click()
    expect(staff.locator("tr.is-selected")).to_have_count(2)
    expect(staff.locator("tr.is-selected", has_text=waiting_name)).to_have_count(1)
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "selection.png", full_page=True)
    staff.get_by_role("button", name="Publish the selection and notify applicants").click()
    expect(staff.get_by_role("status")).to_contain_text("Published:")
    mine.refresh_from_db()
    assert mine.status == "selected"
    assert Application.objects.get(user__first_name=waiting_name.split()[0]).status == "selected"
    assert Application.objects.get(user__first_name=other_name.split()[0]).status == "waitlisted"
    assert Application.objects.get(user__first_name=waiting_name.split()[0]).status == "selected"
    assert Application.objects.get(user__first_name=other_name.split()[0]).status == "waitlisted"

    # The applicant confirms; the manager checks her in on a phone.
    applicant.goto(f"{base}/applications/")
    applicant.get_by_role("button", name="Confirm my place").click()
    expect(applicant.get_by_role("status")).to_have_text("Your place is confirmed.")
    applicant.screenshot(path=screenshots / "my-applications.png", full_page=True)
    mine.refresh_from_db()
    # The check-in desk on a phone, signed in as the same manager.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, storage_state=staff.context.storage_state()
    ).new_page()
    phone.set_default_timeout(10_000)
    phone.goto(f"{base}/manage/seminars/{seminar.slug}/check-in/")
    phone.get_by_label("Badge code").fill(mine.badge_code)
    phone.get_by_role("button", name="Check in", exact=True).first.click()
    expect(phone.get_by_role("status")).to_have_text("Zuzana Horváthová is checked in.")
    assert page_width(phone) <= 390
    phone.screenshot(path=screenshots / "check-in-phone.png", full_page=True)
    mine.refresh_from_db()
    assert mine.status == "attended" and mine.checked_in_at is not None


def test_it_imports_a_german_nominee_list_through_the_page(
    live_server, browser, screenshots, manager, tmp_path
):
    from tests.enrolment.nominee_lists import german_csv

    seminar = make_seminar(capacity=30, status="applications_open")
    make_call(seminar)
    content, _expected = german_csv(generated=12)
    path = tmp_path / "Teilnehmer.csv"
    path.write_bytes(content)
    base = live_server.url
    staff = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    staff.set_default_timeout(10_000)
    sign_in(staff, base, manager.email, totp=True)
    staff.goto(f"{base}/manage/seminars/{seminar.slug}/import/")
    staff.get_by_label("File").set_input_files(path)
    staff.get_by_role("button", name="Preview").click()
    expect(staff.get_by_role("heading", name="Errors: not imported")).to_be_visible()
    expect(staff.locator("#error-7")).to_contain_text("This line has 4 fields; the header has 8.")
    expect(staff.locator("#error-8")).to_contain_text(
        "Organisation is longer than 200 characters (300)."
    )
    expect(staff.locator("#warning-9")).to_contain_text("Ukraine is not an EU Member State.")
    expect(staff.locator("#warning-5")).to_contain_text("Shared mailbox")
    expect(staff.locator("#duplicate-10")).to_contain_text("The same person as line 2.")
    expect(staff.locator("#row-2 [data-column=country]")).to_contain_text(
        re.compile(r"Austria \(AT\)\s*file: “Österreich”")
    )
    expect(staff.locator("#row-6 [data-column=person]")).to_contain_text(
        "office+eva.gruber@bmi.gv.at"
    )
    expect(staff.get_by_role("button", name="Import 17 rows")).to_be_enabled()
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "import-preview.png", full_page=True)
    staff.get_by_label("Profession for line 6").select_option(label="Other national authority")
    staff.get_by_label("Values to keep for line 10").select_option(label="This line's values")
    staff.get_by_role("button", name=re.compile(r"^Import \d+ rows")).click()
    expect(staff.get_by_role("status").first).to_contain_text("Imported: 17 new applications")
    staff.screenshot(path=screenshots / "import-done.png", full_page=True)
    eva = Application.objects.get(user__email="office+eva.gruber@bmi.gv.at")
    assert (eva.profession, eva.user.first_name) == ("other_authority", "Eva")
    anna = Application.objects.get(user__email="anna.huber@justiz.gv.at")
    assert (anna.organisation, anna.gender, anna.first_time) == ("StA Wien", "female", True)
    assert not Application.objects.filter(user__email="kurz@example.de").exists()


def test_the_course_director_reads_an_application_and_its_nomination_letter(
    live_server, browser, screenshots, manager, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from crossborder.audit.models import AuditEntry
    from crossborder.enrolment.models import ApplicationFile, Question

    settings.MEDIA_ROOT = tmp_path / "media"
    seminar = make_seminar(capacity=20, status="applications_open")
    call = make_call(seminar)
    case = Question.objects.create(
        call=call, order=1, kind="text", label="Which cross-border case would you bring?"
    )
    jit = Question.objects.create(
        call=call, order=2, kind="yes_no", label="Have you worked in a joint investigation team?"
    )
    letter = Question.objects.create(
        call=call, order=3, kind="file", label="Nomination letter", allowed_types=["pdf"]
    )
    application = make_applicant(call, 1, profession="labour_inspector", country="SK")
    application.motivation = (
        "I coordinate inspections in agriculture.\n\nWe need to refer victims to the police "
        "of the workers' home countries."
    )
    application.answers = {
        str(case.pk): "Posted workers whose passports the subcontractor kept.",
        str(jit.pk): "no",
    }
    application.save()
    pdf = b"%PDF-1.7\n% nomination letter\n"
    upload = ApplicationFile(
        application=application, question=letter, original_name="Nominácia.pdf"
    )
    upload.file.save("nominacia.pdf", ContentFile(pdf))

    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, manager.email, totp=True)  # once: a TOTP code is accepted only once
    for name, viewport in (("phone", (390, 844)), ("desktop", (1280, 900))):
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        page.goto(f"{base}/manage/seminars/{seminar.slug}/applications/")
        page.get_by_role("link", name="Test, Applicant1").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Application of Applicant1 Test")
        answers = page.locator("dl.answers")
        expect(answers).to_contain_text("Posted workers whose passports the subcontractor kept.")
        expect(answers.locator("dd").nth(1)).to_have_text("No")
        expect(page.locator("blockquote.motivation p")).to_have_count(2)
        assert_accessible(page)
        page.screenshot(path=screenshots / f"application-{name}.png", full_page=True)
        with page.expect_download() as download:
            page.get_by_role("link", name="Nominácia.pdf").click()
        assert download.value.suggested_filename == "Nominácia.pdf"
        assert Path(download.value.path()).read_bytes() == pdf
    assert AuditEntry.objects.filter(action="view.application").count() == 2
    assert AuditEntry.objects.filter(action="view.application.document").count() == 2
    # every document of the call at once, from the list
    page.goto(f"{base}/manage/seminars/{seminar.slug}/applications/")
    page.screenshot(path=screenshots / "applications-with-documents.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="1 document (ZIP)").click()
    assert download.value.suggested_filename == f"documents-{seminar.slug}.zip"
    with zipfile.ZipFile(download.value.path()) as archive:
        assert archive.namelist() == [f"test-applicant1-{application.pk}/nominácia.pdf"]
        assert archive.read(archive.namelist()[0]) == pdf
    assert AuditEntry.objects.filter(action="view.application.documents").count() == 1


def test_the_call_builder_shows_each_question_the_fields_of_its_type(
    live_server, browser, screenshots, manager
):
    """Options only for a choice, file types and size only for a file: a call of several
    questions stays short enough to read on a phone; a field with an error stays in view."""
    seminar = make_seminar(capacity=20, status="applications_open")
    make_call(seminar)
    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, manager.email, totp=True)
    page.goto(f"{base}/manage/seminars/{seminar.slug}/call/")
    first = page.locator("fieldset.question").first
    options, types = first.locator("[name$=-choices]"), first.locator("[name$=-allowed_types]")
    expect(options).to_be_hidden()
    expect(types).to_be_hidden()
    first.get_by_label("Type", exact=True).select_option(label="Choice")
    expect(options).to_be_visible()
    expect(types).to_be_hidden()
    first.get_by_label("Question", exact=True).fill("In which language would you work?")
    options.fill("English\nFrench")
    first.locator("[name$=-choices_de]").fill("Englisch")  # one of two: refused
    page.get_by_role("button", name="Save call").click()
    first = page.locator("fieldset.question").first
    expect(first.locator("[name$=-choices_de]")).to_be_visible()
    expect(first).to_contain_text("as many choices as in English (2)")
    first.get_by_label("Type", exact=True).select_option(label="File upload")
    # the options' error keeps them in view; the file's fields appear
    expect(first.locator("[name$=-allowed_types]")).to_be_visible()
    first.get_by_label("Type", exact=True).select_option(label="Text")
    expect(first.locator("[name$=-allowed_types]")).to_be_hidden()
    assert_accessible(page)
    page.screenshot(path=screenshots / "call-builder-phone.png", full_page=True)
