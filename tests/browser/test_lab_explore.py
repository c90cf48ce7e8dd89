"""Exploring a big lab (~1,500 entities, 5,000 transactions) in the browser: a group member
opens the graph (time to first render measured), expands a node (measured), finds a shortest
path, opens the whole dataset from the stored layout, pans and zooms, filters a table; the
trainer's reveal highlights the hidden network. Screenshots kept; the times are printed (they
are reported, never asserted: machines are noisy)."""

import json
import re
from decimal import Decimal

from playwright.sync_api import expect

from crossborder.labs.exploring.layout import lay_out
from crossborder.labs.generating.storing import generate_lab
from crossborder.labs.models import Lab
from tests.labs.world import make_lab_world

from .helpers import assert_accessible, settle, sign_in

TIMINGS = "window.labGraphTimings"


def _big_lab(participant, trainer):
    """The generator's case of 5,000 transactions (about 1,500 entities), laid out as the
    generation task does, then opened."""
    lab, _groups = make_lab_world(
        participant=participant, trainer=trainer, slug="lab-big", status="prepared"
    )
    Lab.objects.filter(pk=lab.pk).update(seed=20261205, difficulty=2, transactions_wanted=5000)
    lab.refresh_from_db()
    generate_lab(lab)  # replaces the small hand-made dataset
    seconds = lay_out(lab)
    Lab.objects.filter(pk=lab.pk).update(status="open")
    lab.refresh_from_db()
    return lab, seconds


def _errors(page):
    problems = []
    # (the refused path request answers 400 on purpose: the browser logs that, it is no error)
    page.on(
        "console",
        lambda m: (
            problems.append(m.text) if m.type == "error" and "status of 400" not in m.text else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_a_group_explores_a_big_lab_and_the_trainer_reveals_the_network(
    live_server, browser, screenshots, participant, trainer
):
    lab, layout_seconds = _big_lab(participant, trainer)
    base = live_server.url
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(20_000)
    problems = _errors(page)
    sign_in(page, base, participant.email)

    # The overview links to the graph; the graph starts from the lead's neighbourhood.
    page.goto(f"{base}/labs/{lab.pk}/")
    page.get_by_role("button", name="Graph of links and payments").click()
    expect(page.locator("#graph-status")).to_contain_text("entities shown.")
    page.wait_for_function(f"() => {TIMINGS}.firstRender !== undefined")
    first = page.evaluate(f"{TIMINGS}")
    shown = page.evaluate("window.labGraph.nodes().length")
    assert shown > 1
    expect(page.locator("#entity-panel")).to_contain_text(lab.lead.key)
    expect(page.locator("#visible-nodes a")).to_have_count(shown)
    assert_accessible(page)
    page.screenshot(path=screenshots / "lab-graph-neighbourhood.png")

    # Select another entity from the text list (keyboard), then expand its neighbours.
    other = page.evaluate(
        "window.labGraph.nodes().filter(n => n.id() !== window.labGraph.nodes(':selected').id())"
        ".filter(n => n.data('kind') === 'person')[0].id()"
    )
    link = page.locator(f'#visible-nodes a[data-key="{other}"]')
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#entity-panel")).to_contain_text(other)
    page.get_by_role("button", name="Expand neighbours").click()
    expect(page.locator("#graph-status")).to_contain_text(f"around {other}")
    page.wait_for_function(f"() => {TIMINGS}.expands.length === 1")
    expand = page.evaluate(f"{TIMINGS}.expands[0]")
    assert page.evaluate("window.labGraph.nodes().length") >= shown
    page.screenshot(path=screenshots / "lab-graph-expanded.png")

    # The shortest path between two entities, highlighted; a key not in the data: a message.
    page.get_by_label("From", exact=True).fill(lab.lead.key)
    organiser = lab.entities.filter(truth_role="network", kind="person").first().key
    page.get_by_label("To", exact=True).fill(organiser)
    page.get_by_role("button", name="Find the shortest path").click()
    expect(page.locator("#graph-status")).to_contain_text("Shortest path:")
    assert page.evaluate("window.labGraph.elements('.path').nodes().length") >= 2
    page.screenshot(path=screenshots / "lab-graph-path.png")
    page.get_by_label("To", exact=True).fill("ZZZ-1")
    page.get_by_role("button", name="Find the shortest path").click()
    expect(page.locator("#graph-status")).to_have_text("“ZZZ-1” is not in this lab's dataset.")

    # The whole dataset at the stored positions; pan and zoom stay responsive.
    page.get_by_role("button", name="Whole dataset").click()
    page.wait_for_function(f"() => {TIMINGS}.whole !== undefined")
    whole = page.evaluate(f"{TIMINGS}.whole")
    page_whole_fetch = page.evaluate(f"{TIMINGS}.wholeFetch")
    assert page.evaluate("window.labGraph.nodes().length") == lab.entities.count()
    zoom_ms = page.evaluate(
        """() => new Promise(resolve => {
            const cy = window.labGraph, t0 = performance.now();
            cy.one('render', () => resolve(performance.now() - t0));
            cy.zoom({level: cy.zoom() * 2, renderedPosition: {x: 400, y: 300}});
            cy.panBy({x: 120, y: 60});
        })"""
    )
    page.mouse.move(500, 500)
    page.mouse.wheel(0, -300)
    page.screenshot(path=screenshots / "lab-graph-whole.png")
    assert problems == [], problems  # no CSP refusal, no script error

    # A table with a filter (htmx) and its plain-GET fallback URL.
    page.goto(f"{base}/labs/{lab.pk}/data/transactions/")
    settle(page)
    # Cash deposits just under the EUR 10,000 reporting threshold: the structuring red flag.
    page.get_by_label("Amount at least").fill("9000")
    page.get_by_label("Amount at most").fill("9999.99")
    page.get_by_label("Channel").select_option("cash_in")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(
        f"{base}/labs/{lab.pk}/data/transactions/?entity=&start=&end=&min_amount=9000"
        "&max_amount=9999.99&channel=cash_in&sort="
    )
    count = lab.transactions.filter(
        amount__gte=9000, amount__lte=Decimal("9999.99"), channel="cash_in"
    ).count()
    assert count > 0
    expect(page.locator(".table-count")).to_have_text(f"{count} items")
    page.get_by_role("link", name="Amount").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Amount")
    page.get_by_role("link", name="Amount").click()  # again: descending
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Amount")
    # filtering again keeps the sort order
    page.get_by_label("Amount at least").fill("9500")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"min_amount=9500.*sort=-amount"))
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Amount")
    amounts = [
        Decimal(a.split()[0].replace(",", ""))
        for a in page.locator("tbody td.number").all_inner_texts()
    ]
    assert amounts == sorted(amounts, reverse=True)
    assert all(Decimal(9500) <= a < Decimal(10000) for a in amounts)
    assert_accessible(page)
    page.screenshot(path=screenshots / "lab-table-filtered.png", full_page=True)

    # The timeline of the lead.
    page.goto(f"{base}/labs/{lab.pk}/timeline/?entity={lab.lead.key}")
    page.locator(".timeline-chart svg a").first.click()
    expect(page.locator("#period")).to_contain_text("from")
    assert_accessible(page)
    page.screenshot(path=screenshots / "lab-timeline.png", full_page=True)

    # The trainer shows the hidden network.
    coach = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    coach.set_default_timeout(20_000)
    sign_in(coach, base, trainer.email)
    coach.goto(f"{base}/labs/{lab.pk}/graph/")
    coach.wait_for_function(f"() => {TIMINGS}.firstRender !== undefined")
    coach.get_by_label("Show the hidden network").check()
    revealed = coach.evaluate("window.labGraph.nodes('.reveal[role = \"network\"]').length")
    assert revealed >= 1
    coach.screenshot(path=screenshots / "lab-graph-reveal.png")
    coach.get_by_role("button", name="Whole dataset").click()
    coach.wait_for_function(f"() => {TIMINGS}.whole !== undefined")
    coach.get_by_label("Show the hidden network").uncheck()
    coach.get_by_label("Show the hidden network").check()
    network = lab.entities.filter(truth_role="network").count()
    assert coach.evaluate("window.labGraph.nodes('.reveal[role = \"network\"]').length") == network
    coach.screenshot(path=screenshots / "lab-graph-reveal-whole.png")

    # A phone-width look at the graph page.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, storage_state=page.context.storage_state()
    ).new_page()
    phone.goto(f"{base}/labs/{lab.pk}/graph/")
    phone.wait_for_function(f"() => {TIMINGS}.firstRender !== undefined")
    phone.screenshot(path=screenshots / "lab-graph-phone.png", full_page=True)

    report = {
        "entities": lab.entities.count(),
        "transactions": lab.transactions.count(),
        "layout_s": round(layout_seconds, 2),
        "first_render_since_navigation_ms": round(first["firstRender"]),
        "first_load_fetch_to_render_ms": round(first["firstLoad"]),
        "first_fetch_ms": round(first["firstFetch"]),
        "expand_ms": round(expand["total"]),
        "expand_fetch_ms": round(expand["fetch"]),
        "whole_dataset_ms": round(whole),
        "whole_dataset_fetch_ms": round(page_whole_fetch),
        "zoom_pan_render_ms": round(zoom_ms),
    }
    print("\nLAB GRAPH TIMINGS " + json.dumps(report))
