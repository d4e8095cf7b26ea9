"""Journey through search: a visitor types words from a published report into the search box in
the header, finds the report among the results, narrows them by year and opens it."""

import re

from playwright.sync_api import expect

REPORT_TITLE = "Partnership report: April to June 2026 (demo)"  # published by seed_demo


def test_a_visitor_searches_from_the_header_and_finds_a_published_report(page):
    # Given a visitor on the home page
    page.goto("/")

    # When they search for words from the report's summary with the box in the header
    page.get_by_label("Search the portal").fill("naloxone training")
    page.get_by_label("Search the portal").press("Enter")

    # Then the search page says how many results there are and lists the report
    expect(page).to_have_url(re.compile(r"/search/\?q=naloxone\+training"))
    expect(page.get_by_role("status")).to_contain_text("for “naloxone training”")
    hit = page.locator(".search-hit").filter(has=page.get_by_role("link", name=REPORT_TITLE))
    expect(hit).to_contain_text("naloxone training")

    # When they narrow the results to this year, the report is still there, and they open it
    page.get_by_role("complementary", name="Narrow your results").get_by_role(
        "link", name=re.compile(r"^2026")).click()
    expect(page).to_have_url(re.compile(r"year=2026"))
    page.get_by_role("link", name=REPORT_TITLE).click()

    # Then they read the report
    expect(page.get_by_role("heading", level=1)).to_have_text(REPORT_TITLE)
