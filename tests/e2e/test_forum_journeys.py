"""Journeys through the forum: a resident starts a thread with the keyboard only, then replies;
a title that is too short is explained next to the field and what was typed is kept."""

import re

from playwright.sync_api import expect

from .checks import axe_violations
from .conftest import sign_in, unique_word
from .pages import RESIDENT
from .test_keyboard import tab_to, tab_to_text

BOARD = "/forum/prevention-and-education/"


def test_a_resident_starts_a_thread_with_the_keyboard_only_and_replies(page):
    # Given a signed-in resident on a discussion board, using only the keyboard
    title = f"Keyboard thread {unique_word(8)}"
    sign_in(page, RESIDENT)
    page.goto(BOARD)

    # When they tab to "Start a thread", press Enter, fill in the form and press Enter on "Post"
    tab_to_text(page, "Start a thread")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a thread in Prevention and education")
    tab_to(page, "id_title")
    page.keyboard.type(title)
    tab_to(page, "id_body")
    page.keyboard.type("Our school tried a **peer-led** session. It went well.")
    tab_to(page, "id_topic")
    page.keyboard.press("ArrowDown")
    tab_to(page, "id_neighbourhood")
    page.keyboard.press("ArrowDown")
    tab_to_text(page, "Post")  # past the link to the community rules
    expect(page.get_by_role("button", name="Post", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    # Then the thread is there with their post, rendered, under their display name
    expect(page.get_by_role("status")).to_contain_text("Your thread is posted.")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    first = page.get_by_role("article").first
    expect(first.get_by_role("heading", level=2)).to_have_text("Maple Street Neighbour")
    expect(first.locator("strong")).to_have_text("peer-led")

    # When they reply
    page.get_by_label("Your reply").fill("Update: the parents asked for a second session.")
    page.get_by_role("button", name="Post reply").click()

    # Then the reply follows the first post, and the board lists the thread at the top
    expect(page.get_by_role("status")).to_contain_text("Your reply is posted.")
    expect(page.get_by_role("article")).to_have_count(2)
    expect(page.get_by_role("article").last).to_contain_text("a second session")
    page.goto(BOARD)
    expect(page.locator(".thread-row__title a").first).to_have_text(title)


def test_a_title_that_is_too_short_is_explained_and_the_post_is_kept(new_page):
    # Given a resident on the new-thread form
    page = new_page(bypass_csp=True)
    sign_in(page, RESIDENT)
    page.goto(BOARD + "new/")

    # When they post with a title of two characters
    page.get_by_label("Title").fill("Hi")
    page.get_by_label("Your post").fill("Everything I typed, kept.")
    page.get_by_role("button", name="Post", exact=True).click()

    # Then the error is next to the title, the text is kept, no thread is made, and the page
    # with the error is still accessible
    expect(page.locator(".field--error")).to_contain_text("The title needs at least 10 characters")
    expect(page.get_by_label("Title")).to_have_value("Hi")
    expect(page.get_by_label("Your post")).to_have_value("Everything I typed, kept.")
    expect(page).to_have_url(re.compile(r"/new/$"))
    assert axe_violations(page) == []
