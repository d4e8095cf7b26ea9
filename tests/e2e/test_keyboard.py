"""Keyboard only: the skip link, the sign-up form and the flag form completed without a mouse, with a
visible focus indicator on every control on the way."""

import re

from playwright.sync_api import expect

from .conftest import sign_in, unique_word
from .pages import RESIDENT

MAX_TABS = 60


def focused(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {id: el.id, tag: el.tagName.toLowerCase(), text: el.innerText || '',
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ||
                         style.boxShadow !== 'none'};
    }""")


def tab_until(page, wanted, description, max_tabs=MAX_TABS):
    """Press Tab until `wanted(focused element)` is true; each stop must show focus."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        current = focused(page)
        assert current["outline"], f"no visible focus on {current}"
        if wanted(current):
            return current
    raise AssertionError(f"{description} could not be reached with the Tab key")


def tab_to(page, element_id):
    """Press Tab until the element with `element_id` has focus; each stop must show focus."""
    return tab_until(page, lambda element: element["id"] == element_id, f"#{element_id}")


def tab_to_text(page, text, max_tabs=MAX_TABS):
    """Press Tab until a link or button whose text is `text` has focus."""
    return tab_until(page, lambda element: element["text"].strip() == text, repr(text), max_tabs)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()


def test_the_sign_up_form_can_be_completed_with_the_keyboard(page, live_site):
    # Given a visitor who uses only the keyboard
    tag = unique_word(8)
    email = f"keys-{tag}@example.org"
    page.goto("/accounts/signup/")

    # When they tab to each field, type, choose a neighbourhood with the arrow keys and press Enter
    tab_to(page, "id_email")
    page.keyboard.type(email)
    tab_to(page, "id_display_name")
    page.keyboard.type(f"Keyboard {tag}")
    tab_to(page, "id_neighbourhood")
    page.keyboard.press("ArrowDown")
    tab_to(page, "id_password1")
    page.keyboard.type("a-long-keyboard-password")
    tab_to(page, "id_password2")
    page.keyboard.type("a-long-keyboard-password")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign Up")).to_be_focused()
    page.keyboard.press("Enter")

    # Then the account is created and a confirmation email is on its way
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm your email address")
    assert "confirm-email" in live_site.last_mail_to(email).get_body(("plain",)).get_content()


def test_a_post_can_be_flagged_with_the_keyboard_and_the_thanks_gets_focus(page):
    # Given a signed-in resident reading a thread, using only the keyboard
    sign_in(page, RESIDENT)
    page.goto("/forum/treatment-and-recovery/3-how-long-is-the-wait-for-the-community-clinic/?page=1")

    # When they tab to the first post's "Flag" link and press Enter
    tab_until(page, lambda element: " ".join(element["text"].split()).startswith("Flag this post by"),
              "the Flag link", max_tabs=80)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Flag a post by")

    # And send the form without choosing a reason
    tab_to_text(page, "Send flag")
    page.keyboard.press("Enter")

    # Then the error is explained and focus is on the first reason, which names the error
    expect(page.locator("#id_reason_error")).to_have_text("Choose what is wrong with this post.")
    expect(page.locator("#id_reason_0")).to_be_focused()
    expect(page.locator("#id_reason_0")).to_have_accessible_description(
        "Choose what is wrong with this post.")

    # When they choose "Something else" with the arrow keys and send it without a note
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Something else")).to_be_checked()
    tab_to_text(page, "Send flag")
    page.keyboard.press("Enter")

    # Then the error is explained and focus is on the note, which names the error
    expect(page.locator("#id_note_error")).to_have_text("Tell us in a few words what is wrong.")
    expect(page.locator("#id_note")).to_be_focused()
    expect(page.locator("#id_note")).to_have_accessible_description(
        re.compile("Tell us in a few words what is wrong."))

    # When they go back to the reasons, choose "Spam" with the arrow keys, tab to "Send flag" and
    # press Enter
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_label("Something else")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowUp")
    expect(page.get_by_label("Spam")).to_be_checked()
    tab_to_text(page, "Send flag")
    page.keyboard.press("Enter")

    # Then they are back on the thread with focus on the thanks, so a screen reader reads it,
    # and the next Tab carries on inside the page's content
    thanks = page.get_by_role("status")
    expect(thanks).to_have_text("Thank you. A moderator will look at this post.")
    expect(thanks).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
