"""Journeys through the events calendar: a visitor signs in to say they are going and adds the
event to their calendar (.ics, read back with `icalendar`); the month grid without a mouse."""

import re
from datetime import date, datetime, timedelta

import icalendar
from playwright.sync_api import expect

from .conftest import sign_in
from .pages import RESIDENT
from .test_keyboard import tab_to_text

EVENT = "Community safety forum"
TRAINING = "Naloxone training for residents"  # ten days from today in events/demo.py
MONTH_GRID_TABS = 120


def test_a_visitor_signs_in_says_they_are_going_and_downloads_the_ics(page, tmp_path):
    # Given a visitor on the calendar who opens an event
    page.goto("/events/")
    page.get_by_role("link", name=EVENT).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)
    expect(page.get_by_text("the joining link is shown here once you say you are going")).to_be_visible()

    # When they follow "Sign in" from the event, sign in as the demo resident, and say they are
    # going to the next date
    page.locator("#dates").get_by_role("link", name="Sign in").click()
    sign_in(page, RESIDENT)
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)
    next_date = page.locator(".event-date").first
    next_date.get_by_label("Going", exact=True).check()
    next_date.get_by_role("button", name="Save my answer").click()

    # Then they are told, their answer is shown on that date, and the joining link appears
    expect(page.get_by_role("status")).to_contain_text("You are going.")
    expect(page.locator(".event-date").first).to_contain_text("Your answer: Going")
    expect(page.get_by_role("link", name="https://meet.example.org/riverton-forum")).to_be_visible()

    # When they download the event for their calendar app
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    saved = tmp_path / "event.ics"
    download.value.save_as(saved)

    # Then it is an iCalendar file with the event, repeating monthly, at its venue
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    events = [component for component in calendar.walk("VEVENT") if "RECURRENCE-ID" not in component]
    assert [str(event["SUMMARY"]) for event in events] == [EVENT]
    event = events[0]
    assert event["RRULE"]["FREQ"] == ["MONTHLY"]
    assert "Millbrook Library" in str(event["LOCATION"])
    assert isinstance(event.decoded("DTSTART"), datetime)
    assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_the_month_grid_can_be_used_without_a_mouse(page):
    # Given a visitor on the upcoming events list who uses only the keyboard
    page.goto("/events/")

    # When they tab to the "Month" view and press Enter
    tab_to_text(page, "Month")
    page.keyboard.press("Enter")
    today = date.today()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{today:%B %Y}")

    # And move to the month of the training with the "next month" link when it is not this one
    training_day = today + timedelta(days=10)
    if training_day.month != today.month:
        tab_to_text(page, f"{training_day:%B %Y} →")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"{training_day:%B %Y}")

    # And tab to the training in the grid (every stop showing focus) and press Enter
    tab_to_text(page, TRAINING, max_tabs=MONTH_GRID_TABS)
    page.keyboard.press("Enter")

    # Then they are on the training's page
    expect(page).to_have_url(re.compile(r"/events/naloxone-training/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TRAINING)
