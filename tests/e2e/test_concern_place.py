"""Saying where a concern happened in a real browser: the map (vendored Leaflet, no tiles by
default) marks a point in the hidden fields, and nothing is fetched from another server."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from .conftest import sign_in_once, unique_word
from .pages import RESIDENT

NEW_CONCERN = "/forum/neighbourhood-concerns/new/"


def test_a_resident_marks_the_place_on_the_map(new_page, live_site):
    page = new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    sign_in_once(page, RESIDENT)
    page.goto(NEW_CONCERN)
    map_region = page.get_by_role("region", name="Map: click to mark the place")
    expect(map_region).to_be_visible()
    # When the resident clicks the map
    map_region.click(position={"x": 12, "y": 270})  # a corner: the landmarks are fitted inside
    # Then the point is in the form and can be removed again
    expect(page.locator("#id_latitude")).not_to_have_value("")
    expect(page.get_by_role("button", name="Remove the mark")).to_be_visible()
    title = f"Needles on the towpath {unique_word(6)}"
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill("Three needles under the bench this morning (journey test).")
    page.get_by_label("Topic").select_option(index=1)
    page.get_by_label("Neighbourhood").select_option(label="Millbrook")
    page.get_by_label("Where did it happen? (optional)").select_option(label="Millbrook Park (Millbrook)")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#concern-place")).to_contain_text("near Millbrook Park")
    # And the page and the map loaded nothing from anywhere but the portal
    assert hosts == {urlsplit(live_site.url).netloc}, hosts
