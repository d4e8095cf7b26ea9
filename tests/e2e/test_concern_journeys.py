"""Journey of a concern, through the UI only: a newcomer signs up and confirms their email, raises
a concern; being new, it is held and they are told so; a moderator approves it in the admin's
review queue; a liaison of the partner the demo's routing rules send it to finds it in the
concerns inbox and answers officially; the resident reads the signed answer, marks the concern
resolved and says whether it was addressed; the transparency page counts it."""

import re

from playwright.sync_api import expect

from .conftest import sign_in, unique_word
from .test_account_journeys import CONFIRM_LINK, fill_sign_up_form

CONCERNS_BOARD = "/forum/neighbourhood-concerns/"
# The demo's routing rules send "Alcohol" concerns, anywhere, to Harbour Lights (forums/concerns/demo.py)
PARTNER = "Harbour Lights Recovery Trust (demo)"
LIAISON, LIAISON_NAME = "ngo.liaison@riverton.example", "Outreach Lead (Harbour Lights)"
MODERATOR = "moderator@riverton.example"


def sign_up_and_confirm(page, live_site):
    tag = unique_word(8)
    email = f"concerned-{tag}@example.org"
    page.goto("/accounts/signup/")
    fill_sign_up_form(page, email, f"Boathouse Neighbour {tag}", "a-long-riverside-password")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm your email address")
    message = live_site.last_mail_to(email)
    page.goto(CONFIRM_LINK.search(message.get_body(("plain",)).get_content()).group(0))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="Sign in")).to_have_count(0)
    return email


def raise_concern(page, title):
    page.goto(CONCERNS_BOARD)
    page.locator("#main").get_by_role("link", name="Raise a concern").click()  # the board's own
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill(
        "Every evening a group drinks on the slipway by the boathouse and leaves broken bottles "
        "where children launch canoes. (Journey test.)")
    page.get_by_label("Topic").select_option(label="Alcohol")
    page.get_by_label("Neighbourhood").select_option(label="Riverside")
    page.get_by_role("button", name="Post", exact=True).click()


def approve_in_review_queue(page, title, row_text="broken bottles"):
    """`row_text`: words of the concern's post, which its row in the queue shows."""
    sign_in(page, MODERATOR)
    page.goto("/admin/moderation/queue/")
    page.get_by_role("row").filter(has_text=row_text).get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=re.compile(re.escape(title)))).to_be_visible()
    page.get_by_role("button", name="Approve", exact=True).click()


def answer_from_inbox(page, title, answer):
    sign_in(page, LIAISON)
    page.goto("/admin/concerns/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    tools = page.locator("#concern-answer")
    tools.get_by_label("Action taken", exact=True).check()
    tools.get_by_label("Official answer (public)").fill(answer)
    tools.get_by_label("Also show my display name").check()
    tools.get_by_role("button", name="Post the official answer").click()
    expect(page.get_by_role("status")).to_contain_text("Your official answer is posted.")


def concerns_received_last_12_months(page):
    """The dashboard's count; the server computes a new snapshot on each visit (FRESH_FOR is 0
    there) and shows the one before, so the second visit shows the figures as of the first. (The
    last 12 months, not this month so far: early in a month that may be under the threshold.)"""
    for _visit in range(2):
        page.goto("/transparency/")
    label = page.locator("dt", has_text=re.compile("^Concerns received$")).first
    return int(label.locator("xpath=following-sibling::dd[1]").inner_text())


def test_a_new_resident_raises_a_concern_that_is_held_approved_answered_and_resolved(new_page, live_site):
    title = f"Broken bottles on the boathouse slipway ({unique_word(6)})"
    answer = "Our outreach workers will visit the slipway on Tuesday and Thursday evenings."

    # Given the transparency page's count of concerns received in the last 12 months
    visitor = new_page()
    received_before = concerns_received_last_12_months(visitor)

    # And a newcomer who signs up and confirms their email address
    resident = new_page()
    sign_up_and_confirm(resident, live_site)

    # When they raise a concern about drinking by the Riverside boathouse
    raise_concern(resident, title)

    # Then, being new, it is held for a moderator: they are told so on their concern's page, which
    # only they can see, and the public cannot see it
    expect(resident.get_by_role("status")).to_contain_text("Your first posts are checked by a moderator")
    expect(resident.get_by_role("heading", level=1)).to_have_text(title)
    expect(resident.locator("#concern")).to_contain_text("Waiting for a moderator to check it.")
    expect(resident.get_by_role("article")).to_contain_text("Awaiting review: only you can see this post")
    visitor.goto(CONCERNS_BOARD)
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    # When a moderator, signed in with their code, approves it in the admin's review queue
    moderator = new_page()
    approve_in_review_queue(moderator, title)

    # Then it is public and sent to the partner the routing rules name
    visitor.goto(CONCERNS_BOARD)
    visitor.get_by_role("link", name=title).click()
    expect(visitor.locator("#concern")).to_contain_text(f"Sent to {PARTNER}.")

    # When a liaison of that partner finds it in the concerns inbox and answers it officially
    liaison = new_page()
    answer_from_inbox(liaison, title, answer)

    # Then the resident sees the answer, signed by the partner and the liaison, and the state
    resident.goto(CONCERNS_BOARD)
    resident.get_by_role("link", name=title).click()
    official = resident.get_by_role("article").filter(has_text=answer)
    expect(official).to_contain_text(f"Official response: {PARTNER}")
    expect(official).to_contain_text(LIAISON_NAME)
    expect(resident.locator("#concern-status-heading")).to_have_text("Status: Answered")

    # When they mark it resolved
    resolve = resident.locator("#concern-resolve-by-resident")
    resolve.get_by_label("Reason (optional)").fill("The outreach visits have calmed things down")
    resolve.get_by_role("button", name="Mark my concern resolved").click()
    expect(resident.get_by_role("status")).to_contain_text("The concern is marked resolved.")
    expect(resident.locator("#concern-status-heading")).to_have_text("Status: Resolved")
    expect(resident.locator("#concern")).to_contain_text("The resident: Resolved")

    # And answer the one question asked after resolution
    satisfaction = resident.locator("#concern-satisfaction")
    satisfaction.get_by_label("Yes", exact=True).check()
    satisfaction.get_by_role("button", name="Send my answer").click()

    # Then they are thanked, and the page remembers their answer instead of asking again
    expect(resident.get_by_role("status")).to_contain_text("Thank you for your answer.")
    expect(resident.locator("#concern")).to_contain_text("You told us: Yes")
    expect(resident.locator("#concern-satisfaction")).to_have_count(0)

    # And the transparency page counts one more concern received in the last 12 months
    assert concerns_received_last_12_months(visitor) == received_before + 1
