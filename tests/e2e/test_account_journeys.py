"""Journeys through accounts: sign up and confirm, staff sign-in with two-factor authentication,
downloading your data and closing your account."""

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from .checks import axe_violations
from .conftest import sign_in, totp_code, unique_word

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^\s/]+/")


def fill_sign_up_form(page, email, display_name, password, repeat=None):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Neighbourhood").select_option(label="Riverside")
    page.locator("#id_password1").fill(password)
    page.get_by_label("Password (again)").fill(repeat or password)


def new_person():
    tag = unique_word(8)
    return f"newcomer-{tag}@example.org", f"Newcomer {tag}"


def test_a_visitor_signs_up_confirms_their_email_and_is_signed_in(page, live_site):
    # Given a visitor on the sign-up form
    email, display_name = new_person()
    page.goto("/accounts/signup/")

    # When they sign up, open the link in the email they receive and confirm
    fill_sign_up_form(page, email, display_name, "a-long-riverton-password")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm your email address")
    message = live_site.last_mail_to(email)
    link = CONFIRM_LINK.search(message.get_body(("plain",)).get_content()).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Then they are signed in, and their profile shows the name they chose
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.get_by_label("Display name")).to_have_value(display_name)
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text(display_name)


def test_a_sign_up_with_mismatched_passwords_keeps_what_was_typed(new_page):
    # Given a visitor who types two different passwords
    page = new_page(bypass_csp=True)
    email, display_name = new_person()
    page.goto("/accounts/signup/")
    fill_sign_up_form(page, email, display_name, "a-long-riverton-password", repeat="something-else-1")

    # When they submit the form
    page.get_by_role("button", name="Sign Up").click()

    # Then they are told what is wrong, next to the field, and keep what they typed
    expect(page.locator(".field--error")).to_contain_text("same password")
    expect(page.get_by_label("Email")).to_have_value(email)
    expect(page.get_by_label("Display name")).to_have_value(display_name)
    expect(page.get_by_label("Neighbourhood")).to_have_value(
        page.get_by_role("option", name="Riverside").get_attribute("value")
    )
    assert axe_violations(page) == []


def test_a_staff_member_signs_in_with_password_and_code_and_reaches_the_admin(page):
    # Given an editor with an authenticator app
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # When they enter their password and the code their app shows
    sign_in(page, "editor@riverton.example")

    # Then they reach the Wagtail admin, where they started
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()


def test_a_wrong_authenticator_code_does_not_sign_a_staff_member_in(new_page):
    # Given a moderator who has entered the right password
    page = new_page(bypass_csp=True)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("moderator@riverton.example")
    page.get_by_label("Password").fill("riverton-moderator-demo")
    page.get_by_role("button", name="Sign In").click()

    # When they enter a code that is not the current one
    wrong = f"{(int(totp_code()) + 1) % 1_000_000:06d}"
    page.get_by_label("Code", exact=False).fill(wrong)
    page.get_by_role("button", name="Sign In").click()

    # Then they are told so, on an accessible page, and cannot reach the admin
    expect(page.get_by_role("main")).to_contain_text("Incorrect code")
    assert axe_violations(page) == []
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/(login|2fa/authenticate)/"))
    expect(page.get_by_role("heading", name="Site summary")).to_have_count(0)


def test_a_resident_downloads_their_data_and_closes_their_account(page, tmp_path):
    # Given a signed-in resident on "Your data and account"
    sign_in(page, "resident2@riverton.example")
    page.goto("/accounts/delete/")

    # When they download their data
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    # Then the file holds their account
    data = json.loads(Path(saved).read_text())
    assert "resident2@riverton.example" in json.dumps(data)
    assert "Millbrook Parent" in json.dumps(data)

    # When they confirm with their password and close their account
    page.get_by_label("Password").fill("riverton-resident2-demo")
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Close my account").click()

    # Then they are signed out, told so, and cannot sign in again
    expect(page.get_by_role("status")).to_contain_text("Your account was closed")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    sign_in(page, "resident2@riverton.example")
    expect(page.get_by_role("main")).to_contain_text("not correct")
