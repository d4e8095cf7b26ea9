"""Security as a browser sees it: the headers every page type sends with production settings, and
the XSS payload list rendered through portal.markup.render into a page in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from portal.markup import render
from tests.xss_payloads import XSS_PAYLOADS

from .conftest import sign_in, unique_word
from .pages import PAGES, RESIDENT

REFERRER_POLICIES = {"same-origin", "strict-origin", "strict-origin-when-cross-origin", "no-referrer"}


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name.lower()] = values
    return directives


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_page_sends_the_security_headers(fetched_pages, site_page):
    # Given the page as the server sent it, with production settings
    _status, headers, _html = fetched_pages[site_page.name]

    # Then a content security policy allows no inline or evaluated script (except inline script
    # in the Wagtail admin that staff reach: its widgets still need it, see portal/middleware.py)
    csp = csp_directives(headers["content-security-policy"])
    script_src = csp.get("script-src", csp.get("default-src"))
    admin_for_staff = site_page.path.startswith("/admin/") and site_page.status == 200
    assert admin_for_staff or "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    # And the browser is told not to sniff types, to limit referrers and to keep its window
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in REFERRER_POLICIES
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert headers["x-frame-options"] in {"DENY", "SAMEORIGIN"}


def test_signed_in_pages_are_not_cached_by_shared_caches(fetched_pages):
    for site_page in PAGES:
        if site_page.account:
            _status, headers, _html = fetched_pages[site_page.name]
            assert "private" in headers.get("cache-control", "") or "Cookie" in headers.get("vary", ""), (
                site_page.name
            )


DANGEROUS_ELEMENTS = """selector => [...document.querySelectorAll(selector + ' *')].filter(el =>
    ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'SVG',
     'MATH', 'IMG', 'INPUT', 'BUTTON', 'TEMPLATE'].includes(el.tagName.toUpperCase()) ||
    [...el.attributes].some(a => a.name.startsWith('on') || a.name === 'style' ||
        /^\\s*(javascript|data|vbscript):/i.test(a.value))).map(el => el.outerHTML)"""

PROVOKE = """selector => document.querySelectorAll(selector + ' *').forEach(el => {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) {
        el.dispatchEvent(new Event(type));
    }
})"""


def dangerous_elements(page, selector):
    """Elements inside `selector` that carry an event handler, a script, a frame or a script URL."""
    return page.evaluate(DANGEROUS_ELEMENTS, selector)


def provoke(page, selector):
    """Move over and focus everything inside `selector`, as a visitor might."""
    page.evaluate(PROVOKE, selector)


def watch_for_script(page, live_site):
    """Lists that fill when script runs: dialogs, errors, requests to other origins."""
    seen = {"dialogs": [], "errors": [], "requests elsewhere": [], "failed loads": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: msg.type == "error" and seen["errors"].append(msg.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: (
        request.url.startswith(live_site.url) or seen["requests elsewhere"].append(request.url)))
    page.on("response", lambda response: (
        response.status < 400 or seen["failed loads"].append(f"{response.status} {response.url}")))
    return seen


def xss_page():
    items = "\n".join(
        f'<li><div class="user-text">{render(payload)}</div></li>' for payload in XSS_PAYLOADS
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>XSS</title></head>
<body><main><ol>{items}</ol><p id="done">rendered</p></main></body></html>"""


def test_no_xss_payload_runs_script_in_the_browser(page, live_site):
    # Given every payload rendered through portal.markup.render, served from the site's own
    # origin WITHOUT a content security policy (so markup.render alone must make them harmless)
    dialogs, console_errors, requests_elsewhere = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.on("request", lambda request: (
        request.url.startswith(live_site.url) or requests_elsewhere.append(request.url)))
    page.route(f"{live_site.url}/__xss__", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=xss_page()))

    # When the page loads and a visitor moves over and focuses everything on it
    page.goto("/__xss__")
    page.wait_for_load_state("networkidle")
    provoke(page, ".user-text")
    page.wait_for_timeout(300)

    # Then no script ran and nothing was fetched from elsewhere
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert console_errors == []
    assert requests_elsewhere == []
    # And no element carries an event handler, a script, a frame or a script URL
    assert dangerous_elements(page, ".user-text") == []


def post_every_payload_through_the_forum(page, title):
    """Start a thread with the first payload (and a hostile title), reply with each other one,
    through the forum's own forms; returns the thread's address and how many replies moderation
    held (a payload with an email address in it is held for personal data, as it should be)."""
    page.goto("/forum/prevention-and-education/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill(XSS_PAYLOADS[0])
    with page.expect_navigation():
        page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your thread is posted.")
    thread_url = page.url.split("#")[0].split("?")[0]
    held = 0
    for payload in XSS_PAYLOADS[1:]:
        page.get_by_label("Your reply").fill(payload)
        with page.expect_navigation():
            page.get_by_role("button", name="Post reply").click()
        status = page.get_by_role("status")
        expect(status).to_contain_text(re.compile("Your reply is posted|moderator will check", re.IGNORECASE))
        held += "Your reply is posted" not in status.inner_text()
    return thread_url, held


def test_no_xss_payload_posted_in_the_forum_runs_script_on_the_thread_page(new_page, live_site):
    # Given a resident whose browser ignores the content security policy (so the forum's
    # sanitising alone must make the payloads harmless), watching for any script that runs
    page = new_page(bypass_csp=True)
    seen = watch_for_script(page, live_site)
    sign_in(page, RESIDENT)
    title = f"<img src=x onerror=alert(1)> hostile {unique_word(6)}"

    # When every payload is posted through the real forum forms
    thread_url, held = post_every_payload_through_the_forum(page, title)

    # Then on each page of the thread, moving over and focusing everything runs no script
    shown = awaiting = 0
    for number in (1, 2):
        page.goto(f"{thread_url}?page={number}")
        page.wait_for_load_state("networkidle")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        provoke(page, ".post__body")
        page.wait_for_timeout(300)
        assert dangerous_elements(page, ".post__body") == []
        shown += page.locator(".post__body").count()
        awaiting += page.get_by_text("Awaiting review: only you can see this post").count()
    # (held replies too: their author sees them, marked as awaiting review)
    assert shown == len(XSS_PAYLOADS)
    assert awaiting == held
    assert page.evaluate("window.__xss") is None
    assert seen == {"dialogs": [], "errors": [], "requests elsewhere": [], "failed loads": []}


def test_the_xss_check_catches_a_payload_that_gets_through(page, live_site):
    # Given a page with one payload NOT sanitised (proves the listeners above can see it)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(f"{live_site.url}/__raw__", lambda route: route.fulfill(
        status=200, content_type="text/html", body='<!DOCTYPE html><img src=x onerror="alert(7)">'))

    page.goto("/__raw__")
    page.wait_for_timeout(300)

    assert dialogs == ["7"]
