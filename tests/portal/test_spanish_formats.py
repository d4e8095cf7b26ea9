"""Dates, times and numbers follow the language of the page or feed (issue 19): the transparency
figures, the calendar (month names, first day of the week), the iCalendar feed and the forum's
RSS feed read in Spanish at /es/ and in English without a prefix."""

from datetime import date, datetime, time, timedelta

import icalendar
import pytest
from django.utils import dateformat, timezone, translation

from tests.factories import UserFactory, calendar_page, event_page, forum_board, forum_thread
from transparency.templatetags import transparency_tags

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _addresses_in_english(settings):
    """Pages' addresses are worked out unprefixed (a request before may leave Spanish active)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def at(day, hour=18):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def test_transparency_figures_are_formatted_for_the_language():
    with translation.override("en-gb"):
        english = [transparency_tags.count(12345), transparency_tags.hours(30.54),
                   transparency_tags.hours(72), transparency_tags.percent(0.5),
                   transparency_tags.minutes(1500), transparency_tags.count(None)]
    with translation.override("es"):
        spanish = [transparency_tags.count(12345), transparency_tags.hours(30.54),
                   transparency_tags.hours(72), transparency_tags.percent(0.5),
                   transparency_tags.minutes(1500), transparency_tags.count(None)]

    assert english == ["12,345", "30.5 hours", "3.0 days", "50%", "1,500 min", "suppressed"]
    assert spanish == ["12\xa0345", "30,5 horas", "3,0 días", "50 %", "1\xa0500 min", "suprimido"]


def test_the_month_grid_names_months_and_weekdays_in_spanish_and_starts_on_monday(client, settings):
    next_year = timezone.localdate().year + 1
    event_page(title="Foro mensual", start=at(date(next_year, 3, 10)), frequency="MONTHLY")
    url = f"/events/month/{next_year}/3/"

    spanish = client.get("/es" + url).text
    english = client.get(url).text  # en-gb: Monday first too

    assert f"marzo de {next_year}" in spanish and f"March {next_year}" in english
    assert spanish.index('<abbr title="lunes">') < spanish.index('<abbr title="domingo">')
    assert english.index('<abbr title="Monday">') < english.index('<abbr title="Sunday">')
    assert "(hoy)" not in english and "Foro mensual" in spanish


def test_american_english_starts_the_week_on_sunday_and_spanish_still_on_monday(client, settings):
    settings.LANGUAGE_CODE = "en-us"
    next_year = timezone.localdate().year + 1
    event_page(title="Monthly forum", start=at(date(next_year, 3, 10)), frequency="MONTHLY")
    url = f"/events/month/{next_year}/3/"

    english, spanish = client.get(url).text, client.get("/es" + url).text

    assert english.index('<abbr title="Sunday">') < english.index('<abbr title="Monday">')
    assert spanish.index('<abbr title="lunes">') < spanish.index('<abbr title="domingo">')


def test_event_dates_and_repeats_read_in_spanish(client):
    today = timezone.localdate()
    thursday = today + timedelta(days=(3 - today.weekday()) % 7 or 7)
    event = event_page(title="Grupo de apoyo", start=at(thursday), frequency="WEEKLY",
                       weekdays="TH", count=10)

    url = event.url
    spanish, english = client.get("/es" + url).text, client.get(url).text

    assert "Todas las semanas los jueves, 10 veces." in spanish
    assert "Every week on Thursday, 10 times." in english
    with translation.override("es"):
        month = dateformat.format(thursday, "F")
    assert f"jueves {thursday.day} de {month} de {thursday.year}, 18:00" in spanish
    assert f"Thursday {thursday.day} {thursday:%B} {thursday.year}, 18:00" in english


def test_the_icalendar_feed_follows_the_language_of_its_address(client):
    calendar = calendar_page()
    next_year = timezone.localdate().year + 1
    event_page(calendar, title="Taller", kind="workshop", start=at(date(next_year, 1, 15)))
    path = calendar.url + "feed.ics?kind=workshop"

    english = icalendar.Calendar.from_ical(client.get(path).content)
    spanish = icalendar.Calendar.from_ical(client.get("/es" + path).content)

    assert str(english["X-WR-CALNAME"]).endswith("(filtered)")
    assert str(spanish["X-WR-CALNAME"]).endswith("(filtrado)")
    [english_event] = english.walk("VEVENT")
    [spanish_event] = spanish.walk("VEVENT")
    assert english_event["CATEGORIES"].cats == ["Workshop"]
    assert spanish_event["CATEGORIES"].cats == ["Taller"]
    assert "/es/" in str(spanish_event["URL"]) and "/es/" not in str(english_event["URL"])


def test_the_forum_feed_follows_the_language_of_its_address(client):
    board = forum_board(title="Vecinos")
    forum_thread(UserFactory(), board, title="Basura en el parque")

    english = client.get(board.url + "feed/rss/").text
    spanish = client.get("/es" + board.url + "feed/rss/").text

    assert "<language>es</language>" in spanish and "Temas nuevos en Vecinos en Common Ground." in spanish
    assert "New threads in Vecinos on Common Ground." in english
    assert "/es/" in spanish.split("<item>", 1)[1] and "/es/" not in english.split("<item>", 1)[1]
