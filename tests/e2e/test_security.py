"""Security as a browser sees it: the headers every page type sends with production settings, and
the XSS payload list rendered through portal.markup.render into a page in Chromium."""

import pytest

from portal.markup import render
from tests.xss_payloads import XSS_PAYLOADS

from .pages import PAGES

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

    # Then a content security policy allows no inline or evaluated script
    csp = csp_directives(headers["content-security-policy"])
    script_src = csp.get("script-src", csp.get("default-src"))
    assert "'unsafe-inline'" not in script_src
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
    page.evaluate("""() => document.querySelectorAll('.user-text *').forEach(el => {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) {
            el.dispatchEvent(new Event(type));
        }
    })""")
    page.wait_for_timeout(300)

    # Then no script ran and nothing was fetched from elsewhere
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert console_errors == []
    assert requests_elsewhere == []
    # And no element carries an event handler, a script, a frame or a script URL
    dangerous = page.evaluate("""() => [...document.querySelectorAll('.user-text *')].filter(el =>
        ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'SVG',
         'MATH', 'IMG', 'INPUT', 'BUTTON', 'TEMPLATE'].includes(el.tagName.toUpperCase()) ||
        [...el.attributes].some(a => a.name.startsWith('on') || a.name === 'style' ||
            /^\\s*(javascript|data|vbscript):/i.test(a.value))).map(el => el.outerHTML)""")
    assert dangerous == []


def test_the_xss_check_catches_a_payload_that_gets_through(page, live_site):
    # Given a page with one payload NOT sanitised (proves the listeners above can see it)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(f"{live_site.url}/__raw__", lambda route: route.fulfill(
        status=200, content_type="text/html", body='<!DOCTYPE html><img src=x onerror="alert(7)">'))

    page.goto("/__raw__")
    page.wait_for_timeout(300)

    assert dialogs == ["7"]
