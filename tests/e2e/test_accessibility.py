"""axe-core at WCAG 2.2 AA on every page in pages.PAGES: zero violations, on a desktop screen
and on a phone. And no sideways scrolling at 320 CSS pixels (WCAG 1.4.10 Reflow)."""

import pytest

from .checks import axe_violations
from .conftest import PHONE, open_site_page
from .pages import PAGES


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_page_has_no_accessibility_violations(new_page, site_page):
    # Given the page, as its visitor sees it (axe is injected, so the page's CSP is bypassed)
    page = new_page(bypass_csp=True)
    browser_errors = []
    page.on("console", lambda message: message.type == "error" and browser_errors.append(message.text))
    page.on("pageerror", lambda error: browser_errors.append(str(error)))
    response = open_site_page(page, site_page)
    assert response.status == site_page.status

    # When axe checks it against WCAG 2.2 AA
    violations = axe_violations(page)

    # Then it finds nothing
    assert violations == []
    # And the browser met no script error or missing file on the way (an error page's own
    # status is reported as a failed load, so only pages that answer 200 are held to this)
    if site_page.status == 200:
        assert browser_errors == []


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_page_has_no_accessibility_violations_on_a_phone(new_page, site_page):
    page = new_page(bypass_csp=True, viewport=PHONE, is_mobile=True, has_touch=True)
    open_site_page(page, site_page)

    assert axe_violations(page) == []


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_page_reflows_without_sideways_scrolling_at_320_pixels(new_page, site_page):
    # Given a screen 320 CSS pixels wide (400% zoom on a 1280-pixel screen)
    page = new_page(viewport={"width": 320, "height": 640})

    # When the page is opened
    open_site_page(page, site_page)

    # Then nothing is wider than the screen
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{site_page.path} scrolls sideways by {overflow}px at 320px wide"
