"""Journey through the editors' approval workflow: an editor writes a partnership report in the
Wagtail admin and submits it, a second editor approves it, and a visitor sees it published and
finds it with the site's search."""

import re

from playwright.sync_api import expect

from .conftest import sign_in, unique_word

EDITOR, SECOND_EDITOR = "editor@riverton.example", "editor2@riverton.example"


def report_index_id(page):
    """The id of the "Partnership reports" page, from the site's read-only pages API."""
    found = page.request.get("/api/v2/pages/?type=stories.ReportIndexPage").json()
    return found["items"][0]["id"]


def test_an_editor_submits_a_report_a_second_editor_approves_it_and_visitors_see_it(new_page):
    title = f"Partnership report: July to September 2026 ({unique_word(6)})"
    summary = "Outreach doubled in Northgate; needle finds fell by a third (demo)."

    # Given an editor signed in with password and authenticator code
    editor = new_page()
    sign_in(editor, EDITOR)
    expect(editor).not_to_have_url(re.compile(r"/accounts/"))

    # When they write a report in the admin and submit it for approval
    editor.goto(f"/admin/pages/add/stories/reportpage/{report_index_id(editor)}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_period_start").fill("2026-07-01")
    editor.locator("#id_period_end").fill("2026-09-30")
    editor.locator("#id_summary").fill(summary)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Editors' approval").click()

    # Then it is submitted, and not public yet
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    visitor = new_page()
    visitor.goto("/reports/")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    # When a second editor, signed in with their own code, opens it from "Awaiting your review"
    # and approves it
    reviewer = new_page()
    sign_in(reviewer, SECOND_EDITOR)
    reviewer.goto("/admin/")
    reviewer.locator("tr", has_text=title).get_by_role("link", name=title).click()
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()

    # Then a visitor finds it on the report index and can read it
    expect(reviewer.locator(".messages")).to_contain_text("has been updated")
    visitor.goto("/reports/")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.get_by_role("main")).to_contain_text(summary)

    # And finds it when they search for its title on the search page
    visitor.goto("/search/")
    search_box = visitor.get_by_label("Search reports, case studies, resources, services, events")
    search_box.fill(f"\"{title}\"")
    search_box.press("Enter")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)


def submit_report(editor, title):
    editor.goto(f"/admin/pages/add/stories/reportpage/{report_index_id(editor)}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_period_start").fill("2026-07-01")
    editor.locator("#id_period_end").fill("2026-09-30")
    editor.locator("#id_summary").fill("Demo figures for the approval journey.")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Editors' approval").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")


def test_approve_and_publish_from_the_editor_publishes_every_time(new_page):
    # Given an editor who submitted three reports
    titles = [f"Approval run {n} ({unique_word(6)})" for n in range(3)]
    editor = new_page()
    sign_in(editor, EDITOR)
    for title in titles:
        submit_report(editor, title)

    # Then the submitter is not offered "Approve" on their own report
    editor.goto("/admin/")
    editor.locator("tr", has_text=titles[0]).get_by_role("link", name=titles[0]).first.click()
    editor.get_by_role("button", name="More actions").click()
    expect(editor.get_by_role("button", name="Approve and Publish", exact=True)).to_have_count(0)

    # When a second editor approves each of them from the page editor
    reviewer = new_page()
    sign_in(reviewer, SECOND_EDITOR)
    visitor = new_page()
    for title in titles:
        reviewer.goto("/admin/")
        reviewer.locator("tr", has_text=title).get_by_role("link", name=title).click()
        reviewer.get_by_role("button", name="More actions").click()
        reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
        expect(reviewer.locator(".messages")).to_contain_text("has been updated")

        # Then every one of them is published
        visitor.goto("/reports/")
        expect(visitor.get_by_role("link", name=title)).to_have_count(1)
