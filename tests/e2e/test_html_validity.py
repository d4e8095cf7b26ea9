"""The Nu HTML Checker on every page in pages.PAGES, as the server sent it: zero errors."""

import pytest

from .checks import vnu_errors
from .pages import PAGES


@pytest.fixture(scope="module")
def html_errors(fetched_pages):
    return vnu_errors({name: html for name, (_status, _headers, html) in fetched_pages.items()})


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_page_is_valid_html(fetched_pages, html_errors, site_page):
    status, _headers, _html = fetched_pages[site_page.name]
    assert status == site_page.status

    assert html_errors[site_page.name] == []
