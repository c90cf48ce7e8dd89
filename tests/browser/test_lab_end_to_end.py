"""The investigation lab end to end, on a case made by the generator: a group member filters a
table, expands the graph, flags three entities from the graph's side panel, submits and sees the
group's score; the trainer closes the lab, reveals the hidden network and shows it highlighted on
the graph. Screenshots of the graph are kept."""

from playwright.sync_api import expect

from crossborder.labs.exploring.layout import lay_out
from crossborder.labs.generating.storing import generate_lab
from crossborder.labs.models import Lab, Submission
from crossborder.labs.redflags import Category
from crossborder.labs.running.services import open_lab
from tests.labs.world import make_lab_world

from .helpers import assert_accessible, settle, sign_in

TIMINGS = "window.labGraphTimings"


def _generated_lab(participant, trainer):
    lab, groups = make_lab_world(
        participant=participant, trainer=trainer, slug="lab-e2e", status="prepared"
    )
    Lab.objects.filter(pk=lab.pk).update(seed=424242, difficulty=1, transactions_wanted=1200)
    lab.refresh_from_db()
    generate_lab(lab)
    lay_out(lab)
    open_lab(lab=lab, by=trainer)
    lab.refresh_from_db()
    return lab, groups


def _flag_from_the_graph(page, base, lab, entity):
    page.goto(f"{base}/labs/{lab.pk}/graph/?focus={entity.key}")
    page.wait_for_function(f"() => {TIMINGS}.firstRender !== undefined")
    panel = page.locator("#entity-panel")
    expect(panel).to_contain_text(entity.key)
    panel.get_by_role("link", name=f"Flag {entity.key}").click()
    settle(page)
    expect(page.get_by_label("Entity or transaction")).to_have_value(entity.key)
    category = entity.truth_flags[0] if entity.truth_flags else Category.THIRD_PARTY
    page.get_by_label(str(Category(category).label)).check()
    page.get_by_role("radio", name="High: we would report it").check()
    page.get_by_role("button", name="Flag it").click()
    settle(page)
    expect(page.get_by_text(f"{entity.key} flagged.")).to_be_visible()


def test_a_group_finds_flags_and_submits_and_the_trainer_reveals_the_network(
    live_server, browser, screenshots, participant, trainer
):
    lab, groups = _generated_lab(participant, trainer)
    network = lab.entities.filter(truth_role="network")
    person = network.filter(kind="person").first()
    company = network.filter(kind="company").first()
    base = live_server.url
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(20_000)
    sign_in(page, base, participant.email)

    # Filter the people by a name from the case.
    page.goto(f"{base}/labs/{lab.pk}/data/person/")
    page.get_by_label("Search").fill(person.name.split()[-1])
    page.get_by_role("button", name="Filter").click()
    settle(page)
    expect(page.locator("tbody")).to_contain_text(person.key)
    page.screenshot(path=screenshots / "lab-e2e-people-filtered.png", full_page=True)

    # The graph starts from the lead; expand the neighbours of one of its neighbours.
    page.goto(f"{base}/labs/{lab.pk}/graph/")
    page.wait_for_function(f"() => {TIMINGS}.firstRender !== undefined")
    before = page.evaluate("window.labGraph.nodes().length")
    neighbour = page.evaluate(
        "window.labGraph.nodes().filter(n => n.id() !== window.labGraph.nodes(':selected').id())"
        "[0].id()"
    )
    link = page.locator(f'#visible-nodes a[data-key="{neighbour}"]')
    link.focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Expand neighbours").click()
    page.wait_for_function(f"() => {TIMINGS}.expands.length === 1")
    assert page.evaluate("window.labGraph.nodes().length") >= before
    assert_accessible(page)
    page.screenshot(path=screenshots / "lab-e2e-graph-expanded.png")

    # Three flags, each from the graph's side panel.
    flagged = [lab.lead, person, company]
    for entity in flagged:
        _flag_from_the_graph(page, base, lab, entity)

    page.goto(f"{base}/labs/{lab.pk}/")
    expect(page.locator("table.lab-flags tbody tr")).to_have_count(3)
    page.get_by_role("button", name="Submit our flags").click()
    settle(page)
    page.get_by_role("button", name="Submit these 3 flags").click()
    settle(page)
    expect(page.get_by_text("Your flags were submitted and scored.")).to_be_visible()
    submission = Submission.objects.get(lab=lab, group=groups[0])
    found = submission.scores["network"]["found"]
    assert found == sum(1 for e in flagged if e.truth_role == "network")
    score = page.locator("article.lab-score")
    expect(score).to_contain_text(f"{found} / {network.count()}")
    assert_accessible(page)
    page.screenshot(path=screenshots / "lab-e2e-score.png", full_page=True)

    # The trainer closes the lab, reveals the network and shows it on the graph.
    coach = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    coach.set_default_timeout(20_000)
    sign_in(coach, base, trainer.email)
    coach.goto(f"{base}/labs/{lab.pk}/trainer/")
    coach.get_by_role("button", name="Close the lab").click()
    settle(coach)
    coach.get_by_role("button", name="Reveal the network").click()
    settle(coach)
    expect(coach.locator("hgroup")).to_contain_text("network revealed")
    expect(coach.locator("table.lab-network tbody tr")).to_have_count(network.count())
    assert_accessible(coach)
    coach.screenshot(path=screenshots / "lab-e2e-trainer.png", full_page=True)
    coach.get_by_role("link", name="Show the hidden network on the graph").click()
    coach.wait_for_url(f"{base}/labs/{lab.pk}/graph/?reveal=1")
    coach.wait_for_function(f"() => {TIMINGS}.firstRender !== undefined")
    expect(coach.get_by_label("Show the hidden network")).to_be_checked()
    assert coach.evaluate("window.labGraph.nodes('.reveal[role = \"network\"]').length") >= 1
    coach.get_by_role("button", name="Whole dataset").click()
    coach.wait_for_function(f"() => {TIMINGS}.whole !== undefined")
    highlighted = coach.evaluate("window.labGraph.nodes('.reveal[role = \"network\"]').length")
    assert highlighted == network.count()
    coach.screenshot(path=screenshots / "lab-e2e-reveal-whole.png")

    # The participant, after the reveal, sees the network on the graph too.
    page.goto(f"{base}/labs/{lab.pk}/graph/?reveal=1")
    page.wait_for_function(f"() => {TIMINGS}.firstRender !== undefined")
    assert page.evaluate("window.labGraph.nodes('.reveal[role = \"network\"]').length") >= 1
    page.screenshot(path=screenshots / "lab-e2e-participant-reveal.png")
