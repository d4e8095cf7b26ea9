"""A moderator's day: a mixed queue of 20 (held for a new account, held for personal details,
crisis posts, posts hidden by flags) cleared from the queue's rows, by keyboard where a key does
it, counting the page loads: each item costs one, so 50 items fit in ~60. Phone numbers are
redacted in one key press and the posts published with a placeholder where the number was."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in, sign_in_once

pytestmark = pytest.mark.e2e

MODERATOR = "moderator@riverton.example"
ITEMS = 20
QUEUE = "/admin/moderation/queue/?q=Queue+day"


def focused_row_text(page):
    return page.evaluate("document.activeElement.closest('tr') ? "
                         "document.activeElement.closest('tr').innerText : ''")


def act_on_focused_row(page):
    """Approve crisis posts (followed up) and newcomers' posts by keyboard; redact personal details
    by keyboard; reject flagged posts with a canned reason."""
    text = focused_row_text(page)
    row = page.locator("tr", has=page.locator("[data-queue-open]:focus"))
    redacted = None
    with page.expect_navigation():
        if "Personal details" in text:
            redacted = row.locator("[data-queue-open]").get_attribute("href")
            page.keyboard.press("d")
        elif "Flagged by residents" in text:
            row.get_by_label("Reason for").select_option(index=1)
            row.get_by_role("button", name="Reject", exact=True).click()
        else:
            page.keyboard.press("a")
    return redacted


def test_a_moderator_clears_a_mixed_queue_of_20_in_about_one_page_load_each(live_site, page, new_page):
    # Given a mixed queue of 20, written through the forum's own actions
    live_site.manage("seed_review_queue", "--count", str(ITEMS))
    sign_in_once(page, MODERATOR)
    loads, redacted = [], []
    page.on("load", lambda: loads.append(page.url))

    # When the moderator opens the queue (searching today's batch) and works down it
    page.goto(QUEUE)
    rows = page.get_by_role("row").filter(has_text="Queue day")
    expect(rows).to_have_count(ITEMS)
    for _ in range(ITEMS + 2):
        if rows.count() == 0:
            break
        # the next item has the focus after every action, and the search is kept
        assert "Queue day" in focused_row_text(page), page.url
        assert "q=Queue+day" in page.url
        redacted.append(act_on_focused_row(page))

    # Then the queue is clear, at one page load per item and the first one, and the moderator is
    # still on the searched queue (a refused action's error page has no rows either)
    assert "/admin/moderation/queue/" in page.url and "q=Queue+day" in page.url, page.url
    expect(rows).to_have_count(0)
    assert len(loads) <= ITEMS + 2, loads
    # and a visitor sees a redacted post with a placeholder where the number was (the moderator's
    # own view of the page also shows the original, for moderators only)
    moderation_page = next(href for href in redacted if href)  # /admin/moderation/posts/<pk>/
    visitor = new_page()
    visitor.goto("/forums/posts/" + moderation_page.rstrip("/").rsplit("/", 1)[1] + "/")
    expect(visitor.get_by_text("[phone number removed]").first).to_be_visible()
    assert "07700 900" not in visitor.content()


def test_a_moderator_messages_a_crisis_posts_author_from_the_queue_without_javascript(
        live_site, new_page):
    # Given a crisis post in the queue (seeded again: the day above cleared its own)
    live_site.manage("seed_review_queue", "--count", "3")
    author = "queue-author-2@riverton.example"  # the third seeded post is the crisis one
    moderator = new_page(java_script_enabled=False)
    sign_in_once(moderator, MODERATOR)

    # When the moderator opens "Message" on its row, keeps the caring template and sends it
    moderator.goto(QUEUE)
    row = moderator.get_by_role("row").filter(has_text="end my life").first
    row.get_by_role("link", name="Message").click()
    message = moderator.get_by_label("Message", exact=True)
    expect(message).to_have_value(re.compile(r"we are worried about you.*\n- \S+: \+?[0-9]", re.S))
    moderator.get_by_role("button", name="Send the message").click()

    # Then the moderator is back on the queue, told it is sent
    expect(moderator.get_by_text("Your message is sent")).to_be_visible()
    assert "/admin/moderation/queue/" in moderator.url

    # and the resident reads it on the site, under their notifications
    resident = new_page()
    sign_in(resident, author)
    resident.goto("/forums/notifications/")
    expect(resident.get_by_role("heading", name=re.compile("A message from the moderators"))
           ).to_be_visible()
    expect(resident.get_by_text(re.compile("we are worried about you"))).to_be_visible()
