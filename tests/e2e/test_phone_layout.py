"""On a phone (390×844) the crisis banner is one line with the emergency number and a "More help"
link, and the menu folds behind a button that works without JavaScript, so each page's heading
is on the first screen. Screenshots of each page are kept under test-results/ for review."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, RESULTS, open_site_page
from .pages import ANSWERED_CONCERN, RESIDENT, THREAD, SitePage

PHONE_PAGES = [
    SitePage("home", "/"),
    SitePage("thread", THREAD),
    SitePage("concern, signed in", ANSWERED_CONCERN, account=RESIDENT),
    SitePage("get help", "/get-help/"),
    SitePage("transparency", "/transparency/"),
]


def phone(new_page, javascript=True):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True,
                    java_script_enabled=javascript)


@pytest.mark.parametrize("site_page", PHONE_PAGES, ids=str)
def test_heading_is_on_the_first_screen_of_a_phone(new_page, site_page):
    page = phone(new_page)
    open_site_page(page, site_page)
    page.screenshot(path=RESULTS / f"phone-{site_page.name.replace(' ', '-').replace(',', '')}.png")

    heading = page.get_by_role("heading", level=1).first.bounding_box()
    assert heading is not None and heading["y"] + heading["height"] <= PHONE["height"], heading


def test_crisis_banner_is_one_line_with_the_emergency_number_and_more_help(new_page):
    page = phone(new_page)
    page.goto("/")
    banner = page.get_by_role("complementary", name="Crisis help")
    emergency = banner.get_by_role("link", name="999")
    more = banner.get_by_role("link", name="More help")
    expect(emergency).to_be_visible()
    expect(more).to_be_visible()
    # one line: the emergency number and "More help" sit side by side, the rest is not shown
    assert abs(emergency.bounding_box()["y"] - more.bounding_box()["y"]) < 4
    assert banner.bounding_box()["height"] < 56
    assert more.bounding_box()["x"] + more.bounding_box()["width"] <= PHONE["width"]  # not cut off
    expect(banner).to_contain_text("In danger now? Call 999 · More help")
    expect(banner.get_by_role("link", name="0800 000 0000")).to_be_hidden()
    assert emergency.get_attribute("href") == "tel:999"
    # and "More help" leads to the Get help page with every number
    more.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help")
    expect(page.locator(".help-now").get_by_role("link", name="0800 000 0000")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_menu_folds_behind_a_button_that_works_without_javascript(new_page, javascript):
    page = phone(new_page, javascript=javascript)
    page.goto("/")
    menu_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Raise a concern")
    expect(menu_link).to_be_hidden()
    page.locator("summary", has_text="Menu").click()
    expect(menu_link).to_be_visible()
    menu_link.click()
    page.wait_for_url("**/accounts/login/**")  # a visitor signs in before raising a concern


def test_on_a_desktop_the_menu_is_open_without_a_button(new_page):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto("/")
    page.screenshot(path=RESULTS / "desktop-home.png")
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Raise a concern")).to_be_visible()
    expect(page.get_by_role("complementary", name="Crisis help")
           .get_by_role("link", name="0800 000 0000")).to_be_visible()
