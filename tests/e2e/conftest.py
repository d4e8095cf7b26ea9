"""Browser tests: one portal per test session (tests/e2e/site.py), Debian's Chromium driven by
Playwright, a fresh browser context per test and a screenshot under test-results/ when a test fails.

Every test in this folder is marked `e2e`; `make test` leaves them out, `make e2e` runs them.
"""

import re
import secrets
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from portal.demo import DEMO_TOTP_SECRET, demo_password

from . import site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
RESULTS = site.ROOT / "test-results"
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("portal")
    RESULTS.mkdir(exist_ok=True)
    with open(RESULTS / "e2e-server.log", "wb") as log_file:
        running, process = site.start(workdir, log_file)
        yield running
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _screenshot_name(item):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-150:] + ".png"


@pytest.fixture
def new_page(request, browser, live_site):
    """Open pages in fresh browser contexts (cookies, storage) on the live site; each page that
    is still open when a test fails is saved as a screenshot under test-results/."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(base_url=live_site.url, accept_downloads=True,
                                      **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    failed = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if failed is not None and failed.failed:
            for page in context.pages:
                page.screenshot(path=RESULTS / f"{number}-{_screenshot_name(request.node)}",
                                full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh context: a visitor who has not signed in."""
    return new_page()


TOTP_PERIOD = 30
_last_code_window = {}


def totp_code(secret=DEMO_TOTP_SECRET, at=None):
    # allauth has no public API for computing a code; its internal helper is the reference.
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(at if at is not None else time.time()) // TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def fresh_totp_code(email):
    """A code that stays valid for a few seconds and that this account has not used yet
    (allauth refuses a code twice): waits for the next 30-second window when needed."""
    now = time.time()
    window = int(now) // TOTP_PERIOD
    if TOTP_PERIOD - now % TOTP_PERIOD < 3 or _last_code_window.get(email) == window:
        time.sleep(TOTP_PERIOD - now % TOTP_PERIOD + 0.5)
    _last_code_window[email] = int(time.time()) // TOTP_PERIOD
    return totp_code()


def unique_word(length=6):
    """A unique word for a title the journey posts: consonants only, so it never looks like a
    number plate, phone number, house number or word to the personal-data checks (3.6 % of six
    hex characters did, "def56c", and held the post)."""
    return "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(length))


def sign_in(page, email, password=None):
    """Sign in through the login form as a demo account (entering a TOTP code for staff).
    On the login page already (sent there from a page that needs it), it signs in there."""
    if "/accounts/login/" not in page.url:
        page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password or demo_password(email))
    page.get_by_role("button", name="Sign In").click()
    if "/2fa/" in page.url:
        page.get_by_label("Code", exact=False).fill(fresh_totp_code(email))
        page.get_by_role("button", name="Sign In").click()
    return page


_session_cookies = {}


def sign_in_once(page, email):
    """Sign in as a demo account, or reuse the session an earlier call signed in with: a staff
    account can use each authenticator code once, so every fresh sign-in may wait up to 30s."""
    if email in _session_cookies:
        page.context.add_cookies(_session_cookies[email])
    else:
        sign_in(page, email)
        _session_cookies[email] = page.context.cookies()


def open_site_page(page, site_page):
    """Sign in as the page's account if it has one, then open it; returns the response."""
    if site_page.account:
        sign_in_once(page, site_page.account)
    return page.goto(site_page.path)


@pytest.fixture(scope="session")
def fetched_pages(browser, live_site):
    """Every page in pages.PAGES as the server sent it: name -> (status, headers, html)."""
    from .pages import PAGES

    fetched = {}
    for site_page in PAGES:
        context = browser.new_context(base_url=live_site.url)
        if site_page.account:
            sign_in_once(context.new_page(), site_page.account)
        response = context.request.get(site_page.path, max_redirects=0)
        fetched[site_page.name] = (response.status, response.headers, response.text())
        context.close()
    return fetched
