"""The calendar: upcoming list, month grid, past events, filters, sections, data export."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import actions
from events.models import EventException
from portal.accounts import actions as account_actions
from portal.accounts import queries as account_queries
from tests.factories import (
    NeighbourhoodFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    calendar_page,
    event_page,
)

pytestmark = pytest.mark.django_db


def at(day, hour=18):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def in_days(n, hour=18):
    return at(timezone.localdate() + timedelta(days=n), hour)


def test_upcoming_list_groups_dates_by_day_and_marks_cancelled_ones(client):
    event_page(title="Naloxone training", start=in_days(3))
    weekly = event_page(title="Family group", start=in_days(1), frequency="WEEKLY", count=3)
    page = weekly.get_latest_revision_as_object()
    page.exceptions.add(EventException(occurrence_date=(timezone.localdate() + timedelta(days=8)),
                                       note="Hall closed"))
    page.save_revision().publish()

    response = client.get("/events/")

    html = response.text
    assert response.status_code == 200
    assert html.index("Family group") < html.index("Naloxone training")
    assert html.count("Family group") == 3
    assert html.count("badge--cancelled") == 1
    assert 'href="webcal://testserver/events/feed.ics"' in html


def test_past_events_are_in_the_archive_not_the_list(client):
    event_page(title="Last week forum", start=in_days(-7))
    event_page(title="Next week forum", start=in_days(7))

    upcoming = client.get("/events/").text
    past = client.get("/events/past/").text

    assert "Next week forum" in upcoming and "Last week forum" not in upcoming
    assert "Last week forum" in past and "Next week forum" not in past


def test_month_grid_shows_each_date_in_its_cell_without_javascript(client):
    today = timezone.localdate()
    first = today.replace(day=1)
    # Begun the month before, so the previous month is inside the years with events (in January
    # too) and has its link.
    last_month = (first - timedelta(days=1)).replace(day=15)
    event_page(title="Monthly forum", start=at(last_month), frequency="MONTHLY")

    response = client.get(f"/events/month/{today.year}/{today.month}/")

    html = response.text
    assert response.status_code == 200
    assert "<table class=\"month-grid\">" in html and "<script" not in html.split("<main")[1]
    assert html.count("Monthly forum") == 1
    assert f'<time datetime="{first.replace(day=15):%Y-%m-%d}">' in html
    assert 'rel="next"' in html and 'rel="prev"' in html


@pytest.mark.parametrize("url", ["/events/month/2026/13/", "/events/month/1700/1/"])
def test_impossible_months_are_404(client, url):
    calendar_page()

    assert client.get(url).status_code == 404


def test_filters_by_kind_partner_topic_and_neighbourhood(client):
    partner = PartnerFactory(name="Harbour Lights")
    topic = TopicFactory(name="Harm reduction")
    area = NeighbourhoodFactory(name="Northgate")
    event_page(title="Matching training", kind="training", partners=[partner], topics=[topic],
               neighbourhood=area)
    event_page(title="Other training", kind="training")
    event_page(title="A forum", kind="forum", partners=[partner], topics=[topic], neighbourhood=area)

    query = "kind=training&partner=harbour-lights&topic=harm-reduction&neighbourhood=northgate"
    html = client.get(f"/events/?{query}").text

    assert "Matching training" in html
    assert "Other training" not in html and "A forum" not in html
    assert f'href="/events/feed.ics?{query.replace("&", "&amp;")}"' in html
    assert '<option value="training" selected>' in html


def test_an_unknown_filter_value_shows_an_error_and_the_other_filters_still_apply(client):
    event_page(title="A forum", kind="forum")
    event_page(title="A training", kind="training")

    html = client.get("/events/?partner=no-such-partner&kind=forum").text

    assert "A forum" in html and "A training" not in html
    assert "Select a valid choice" in html


def test_unpublished_events_are_not_listed(client):
    event_page(title="Draft event", publish=False)

    assert "Draft event" not in client.get("/events/").text


def many_events(count, partner, topic):
    for n in range(count):
        event_page(title=f"Event {n}", start=in_days(1 + n), frequency="WEEKLY" if n % 2 else "",
                   partners=[partner], topics=[topic], neighbourhood=NeighbourhoodFactory(),
                   exceptions=[EventException(occurrence_date=timezone.localdate() + timedelta(days=30))])


@pytest.mark.parametrize("url", ["/events/", "/events/past/", "/events/feed.ics",
                                 "/events/?kind=forum&partner=p"])
def test_list_views_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, url):
    partner, topic = PartnerFactory(name="P", slug="p"), TopicFactory()
    many_events(2, partner, topic)
    client.get(url)  # warm caches (site, settings)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    many_events(10, partner, topic)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.status_code == 200
    assert len(few.captured_queries) <= 24


def test_month_grid_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    partner, topic = PartnerFactory(), TopicFactory()
    today = timezone.localdate()
    url = f"/events/month/{today.year}/{today.month}/"
    many_events(1, partner, topic)
    client.get(url)
    many_events(12, partner, topic)

    with django_assert_max_num_queries(24):
        response = client.get(url)

    assert response.status_code == 200


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_event_page_uses_a_fixed_number_of_queries(client, resident, django_assert_max_num_queries):
    event = event_page(frequency="WEEKLY", capacity=3, partners=[PartnerFactory()])
    actions.respond(event, event.start, by=UserFactory(), going=True)
    client.force_login(resident)
    few = queries_for(client, event.url)
    for _ in range(6):
        actions.respond(event, event.start, by=UserFactory(), going=True)

    with django_assert_max_num_queries(few):
        response = client.get(event.url)

    assert "Join the waiting list" in response.text
    assert few <= 30


def test_attendee_list_uses_a_fixed_number_of_queries(client, editor, django_assert_max_num_queries):
    event = event_page(frequency="WEEKLY")
    actions.respond(event, event.start, by=UserFactory(), going=True)
    client.force_login(editor)
    few = queries_for(client, event.url + "attendees/")
    for _ in range(6):
        actions.respond(event, event.start, by=UserFactory(), going=True)

    with django_assert_max_num_queries(few):
        response = client.get(event.url + "attendees/")

    assert response.text.count("Not shared") == 7


def test_home_page_and_partner_page_show_coming_events(client):
    partner = PartnerFactory(name="Harbour Lights")
    event_page(title="Family support group", partners=[partner], start=in_days(2))
    event_page(title="Somebody else's event", start=in_days(3))

    home = client.get("/").text
    partner_page = client.get(partner.get_absolute_url()).text

    assert "Coming up" in home and "Family support group" in home
    assert "Family support group" in partner_page
    assert "Somebody else's event" not in partner_page


def test_calendar_page_is_in_the_menu_after_seeding(client, demo_city):
    from django.core.management import call_command

    call_command("seed_demo", force=True, verbosity=0)  # a second time: adds nothing

    html = client.get("/events/").text
    assert '<a href="/events/"' in client.get("/").text
    for title in ["Family support group", "Community safety forum", "Naloxone training"]:
        assert title in html
    assert "No meeting this week" in client.get("/events/family-support-group/").text


def test_data_export_and_account_closure(resident):
    event = event_page(title="Forum", capacity=1)
    waiting = UserFactory()
    actions.respond(event, None, by=resident, going=True)
    actions.respond(event, None, by=waiting, going=True)

    exported = account_queries.export_user_data(resident)
    account_actions.delete_account(resident, by=resident)

    assert exported["event_rsvps"][0]["event"] == "Forum"
    assert exported["event_rsvps"][0]["status"] == "going"
    assert not resident.event_rsvps.exists()
    assert waiting.event_rsvps.get().status == "going"
