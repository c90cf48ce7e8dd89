"""A participant answers the satisfaction survey (the conditional question appears when it
applies); the manager sees the response rate and the results."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from crossborder.evaluation.models import Survey, SurveyResponse
from crossborder.evaluation.surveys import services
from tests.factories import make_applicant, make_call, make_seminar

from .helpers import assert_accessible, settle, sign_in


def test_a_participant_answers_and_the_manager_reads_the_results(
    live_server, browser, screenshots, participant, manager
):
    seminar = make_seminar(status="held")
    call = make_call(seminar)
    from crossborder.enrolment.models import Application

    Application.objects.create(call=call, user=participant, status="attended")
    for i in range(3):
        make_applicant(call, i, status="attended")
    survey = services.create_survey(seminar=seminar, kind="satisfaction", by=manager)
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=13)
    )
    base = live_server.url

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, participant.email)
    page.goto(f"{base}/surveys/")
    page.get_by_role("button", name="Answer the survey").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How was the seminar?")
    for q in survey.questions.filter(kind="likert"):
        page.locator(f"input[name='q{q.pk}'][value='{4 if q.order > 1 else 5}']").check()
    rating = survey.questions.get(kind="session_rating")
    sessions = list(seminar.sessions.exclude(kind="break").order_by("start", "track"))
    page.locator(f"input[name='q{rating.pk}-s{sessions[0].pk}'][value='5']").check()
    page.locator(f"input[name='q{rating.pk}-s{sessions[2].pk}'][value='2']").check()
    recommend = survey.questions.get(kind="single")
    why_not = recommend.dependants.get()
    # The conditional question is hidden until "No" is chosen.
    expect(page.locator(f"#question-{why_not.pk}")).to_be_hidden()
    page.locator(f"input[name='q{recommend.pk}'][value='1']").check()
    expect(page.locator(f"#question-{why_not.pk}")).to_be_visible()
    page.locator(f"#id_q{why_not.pk}").fill("Smaller workshop groups and shorter panels.")
    assert_accessible(page)
    page.screenshot(path=screenshots / "survey-answer.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.screenshot(path=screenshots / "survey-answer-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    response = SurveyResponse.objects.get()
    assert response.respondent_id is None
    assert response.answers.filter(question=why_not).get().text.startswith("Smaller")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.set_default_timeout(10_000)
    sign_in(staff, base, manager.email, totp=True)
    staff.goto(f"{base}/manage/surveys/")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "surveys-manage.png", full_page=True)
    staff.get_by_role("link", name="Results").first.click()
    expect(staff.locator(".stat-value").first).to_have_text("25 %")
    expect(staff.locator("#ratings-sessions")).to_contain_text("Identifying victims")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "survey-results.png", full_page=True)
    staff.goto(f"{base}/manage/surveys/{survey.pk}/")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "survey-builder.png", full_page=True)
