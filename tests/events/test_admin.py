"""Editors create and edit events in the Wagtail admin."""

import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import EventPage
from portal.accounts.roles import Role
from tests.factories import calendar_page, event_page, staff_user

pytestmark = pytest.mark.django_db


def event_form(**overrides):
    data = {
        "title": "Naloxone training", "slug": "naloxone-training", "kind": "training",
        "summary": "Learn to use naloxone.", "description": rich_text("<p>Hands on.</p>"),
        "start": "2030-05-02 10:00", "end": "2030-05-02 13:00", "time_zone": "Europe/London",
        "frequency": "", "interval": "1", "weekdays": "", "weekday_position": "", "until": "",
        "count": "", "exceptions": inline_formset([]), "venue_name": "Youth centre",
        "venue_address": "", "accessibility_notes": "", "online_link": "", "neighbourhood": "",
        "capacity": "12", "cost": "Free", "languages": "English", "cancellation_note": "",
        "comments": inline_formset([]), "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_submits_an_event_and_a_second_editor_publishes_it(client, editor):
    # Events go through the editors' approval workflow like every page (see stories).
    calendar = calendar_page()
    client.force_login(editor)

    response = client.post(f"/admin/pages/add/events/eventpage/{calendar.pk}/",
                           event_form(**{"action-publish": "", "action-submit": "Submit"}))

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    event = EventPage.objects.get(slug="naloxone-training")
    assert not event.live
    task_state = event.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, staff_user(Role.EDITOR), "approve")
    event.refresh_from_db()
    assert event.live and event.capacity == 12
    assert event.start.isoformat() == "2030-05-02T09:00:00+00:00"  # 10:00 BST


def test_admin_explains_a_bad_rule(client, editor):
    calendar = calendar_page()
    client.force_login(editor)

    response = client.post(f"/admin/pages/add/events/eventpage/{calendar.pk}/", event_form(
        end="2030-05-01 09:00", frequency="WEEKLY", weekdays="MO,XX", until="2030-06-01", count="3"))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "The end must be after the start." in errors["end"]
    assert any("XX" in message for message in errors["weekdays"])
    assert not EventPage.objects.filter(slug="naloxone-training").exists()


def test_editor_opens_an_event_for_editing(client, editor):
    event = event_page(frequency="WEEKLY")
    client.force_login(editor)

    response = client.get(f"/admin/pages/{event.pk}/edit/")

    assert response.status_code == 200
    assert "Cancelled or moved occurrences" in response.text


def test_liaison_dashboard_lists_their_partners_events_with_counts(client, liaison, partner):
    from events import actions
    from tests.factories import UserFactory

    ours = event_page(title="Our forum", partners=[partner], capacity=10)
    event_page(title="Someone else's forum")
    actions.respond(ours, None, by=UserFactory(), going=True)
    client.force_login(liaison)

    html = client.get("/admin/").text

    assert "Coming events and RSVPs" in html
    assert "Our forum" in html and "1 / 10" in html
    assert "Someone else" not in html
    assert f'href="{ours.url}attendees/"' in html


def test_editor_sees_who_is_coming_in_the_page_listing(client, editor):
    event = event_page(title="Forum")
    client.force_login(editor)

    html = client.get(f"/admin/pages/{event.get_parent().pk}/").text

    assert f"{event.url}attendees/" in html


def test_an_editor_chooses_the_days_with_checkboxes_and_reads_the_rule_in_words(client, editor):
    # Given an editor who ticks Tuesday and Thursday for a weekly event until 31 March
    calendar = calendar_page()
    client.force_login(editor)

    form = event_form(**{"action-publish": "", "action-submit": "Submit"},
                      start="2027-01-05 18:00", end="2027-01-05 19:30", frequency="WEEKLY",
                      until="2027-03-31")
    response = client.post(f"/admin/pages/add/events/eventpage/{calendar.pk}/",
                           {**form, "weekdays": ["TH", "TU"]})

    # Then the rule is stored as before and reads in plain words
    assert response.status_code == 302
    event = EventPage.objects.get(slug="naloxone-training").get_latest_revision_as_object()
    assert event.weekdays == "TU,TH"
    assert event.recurrence_text == "Every week on Tuesday and Thursday, until 31 March 2027"

    # And the edit form shows the days as ticked checkboxes, and the rule in words
    form = client.get(f"/admin/pages/{event.pk}/edit/").text
    assert ticked_days(form) == ["TU", "TH"]
    assert "Every week on Tuesday and Thursday, until 31 March 2027" in form


def test_an_event_saved_with_rfc_codes_opens_with_its_days_ticked(client, editor):
    event = event_page(frequency="WEEKLY", weekdays="MO,WE")
    client.force_login(editor)

    html = client.get(f"/admin/pages/{event.pk}/edit/").text

    ticked = ticked_days(html)
    assert ticked == ["MO", "WE"]
    assert "Every week on Monday and Wednesday" in html



def ticked_days(html):
    inputs = re.findall(r'<input[^>]*name="weekdays"[^>]*>', html)
    return [re.search(r'value="(\w+)"', tag).group(1) for tag in inputs if " checked" in tag]
