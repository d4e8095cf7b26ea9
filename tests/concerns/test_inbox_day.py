"""The inbox for a working day: tabs (the resolved tab shows resolved concerns whoever claimed
them), bulk claim and acknowledge (per-concern permission, refusals reported), page loads for a
liaison clearing 30 concerns."""

import re

import pytest
from django.utils import timezone

from forums.concerns import actions
from forums.concerns.models import Concern, ConcernRoute, State
from forums.models import Thread
from portal.accounts.roles import Role
from tests.concerns.test_inbox import bulk_concerns
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

INBOX = "/admin/concerns/"


def _titles(page):
    return set(re.findall(r"Concern number \d+", page))


def _resolve(liaison, concern):
    actions.answer(concern, by=liaison, body="We cleared it.", kind="action_taken")
    actions.resolve(concern, by=liaison)


def test_resolved_tab_shows_resolved_concerns_claimed_by_anyone(
        client, concern_board, topic, area, liaison, partner, moderator):
    # Given three resolved concerns: claimed by me, by a colleague, and (as the demo's are)
    # claimed before they were resolved, and one still open
    colleague = staff_user(Role.LIAISON, partner=partner)
    mine, theirs, other, still_open = bulk_concerns(concern_board, topic, area, [partner], 4)
    actions.claim(mine, by=liaison)
    actions.claim(theirs, by=colleague)
    actions.claim(other, by=colleague)
    for concern in (mine, theirs, other):
        _resolve(liaison, Concern.objects.get(pk=concern.pk))
    # When the liaison opens the "Resolved" tab
    client.force_login(liaison)
    page = client.get(INBOX, {"state": "resolved"}).content.decode()
    # Then every resolved concern of their partner is listed, and no open one
    assert _titles(page) == {"Concern number 0", "Concern number 1", "Concern number 2"}
    # and the tab is a link in the inbox's tab bar, marked as the current one
    assert re.search(r'<a[^>]*href="\?state=resolved"[^>]*aria-current="page"', page)
    # and a moderator (claimed by nobody is no longer required) sees them too
    client.force_login(moderator)
    page = client.get(INBOX, {"state": "resolved"}).content.decode()
    assert _titles(page) == {"Concern number 0", "Concern number 1", "Concern number 2"}


def test_open_tab_still_defaults_to_mine_and_unclaimed(client, concern_board, topic, area,
                                                        liaison, partner):
    colleague = staff_user(Role.LIAISON, partner=partner)
    mine, theirs, free = bulk_concerns(concern_board, topic, area, [partner], 3)
    actions.claim(mine, by=liaison)
    actions.claim(theirs, by=colleague)
    client.force_login(liaison)
    assert _titles(client.get(INBOX).content.decode()) == {"Concern number 0", "Concern number 2"}


BULK = "/admin/concerns-bulk/"


def _rows_claimed_by(page, name):
    return len(re.findall(rf"Concern number \d+.*?{re.escape(name)}", page, re.S))


def test_bulk_claim_claims_those_routed_to_the_partner_and_names_the_others(
        client, concern_board, topic, area, liaison, partner, other_partner):
    # Given two concerns routed to the liaison's partner, one to another partner, one that a
    # colleague claimed
    colleague = staff_user(Role.LIAISON, partner=partner)
    ours = bulk_concerns(concern_board, topic, area, [partner], 3)
    theirs = bulk_concerns(concern_board, topic, area, [other_partner], 1)[0]
    Thread.objects.filter(pk=theirs.thread_id).update(title="A concern elsewhere")
    actions.claim(ours[2], by=colleague)
    client.force_login(liaison)
    # When they tick all four and press "Claim for my organisation"
    response = client.post(BULK, {"action": "claim", "next": f"{INBOX}?topic={topic.pk}",
                                  "concern": [c.pk for c in (*ours, theirs)]}, follow=True)
    # Then they are back on the inbox with its filter, told what was done and what was not
    assert response.redirect_chain == [(f"{INBOX}?topic={topic.pk}", 302)]
    page = response.content.decode()
    assert "Claimed 2 concerns for your organisation." in page
    assert "2 concerns were left as they were" in page
    assert "“A concern elsewhere” (it was not sent to your organisation)" in page
    assert "“Concern number 2” (a colleague has claimed it)" in page
    # and the database holds the liaison's claims, the open ones acknowledged
    routes = ConcernRoute.objects.filter(partner=partner, claimed_by=liaison)
    assert set(routes.values_list("concern_id", flat=True)) == {ours[0].pk, ours[1].pk}
    assert set(Concern.objects.filter(pk__in=[ours[0].pk, ours[1].pk])
               .values_list("state", flat=True)) == {State.ACKNOWLEDGED}
    assert ConcernRoute.objects.get(concern=ours[2], partner=partner).claimed_by == colleague
    assert not ConcernRoute.objects.filter(concern=theirs, claimed_by__isnull=False).exists()


def test_bulk_acknowledge_and_every_concern_shown(client, concern_board, topic, area, liaison,
                                                   partner):
    first, second, third = bulk_concerns(concern_board, topic, area, [partner], 3)
    actions.acknowledge(third, by=liaison)
    client.force_login(liaison)
    response = client.post(BULK, {"action": "acknowledge", "all_shown": "1", "next": INBOX,
                                  "shown": [first.pk, second.pk, third.pk]}, follow=True)
    page = response.content.decode()
    assert "Acknowledged 2 concerns." in page
    assert "“Concern number 2” (it is not waiting to be acknowledged)" in page
    assert set(Concern.objects.values_list("state", flat=True)) == {State.ACKNOWLEDGED}
    # and nobody claimed anything by acknowledging
    assert not ConcernRoute.objects.filter(claimed_by__isnull=False).exists()


def test_bulk_with_nothing_ticked_or_no_action_says_so(client, concern_board, topic, area,
                                                       liaison, partner):
    concern = bulk_concerns(concern_board, topic, area, [partner], 1)[0]
    client.force_login(liaison)
    page = client.post(BULK, {"action": "claim", "next": INBOX}, follow=True).content.decode()
    assert "Tick at least one concern first." in page
    page = client.post(BULK, {"action": "delete", "concern": [concern.pk]},
                       follow=True).content.decode()
    assert "Choose “Claim” or “Acknowledge”" in page
    assert Concern.objects.get(pk=concern.pk).state == State.OPEN


def test_bulk_goes_back_only_to_the_inbox(client, concern_board, topic, area, liaison, partner):
    concern = bulk_concerns(concern_board, topic, area, [partner], 1)[0]
    client.force_login(liaison)
    for bad in ("https://evil.example/admin/concerns/", "/admin/users/", "//evil.example/"):
        response = client.post(BULK, {"action": "claim", "concern": [concern.pk], "next": bad})
        assert response["Location"] == INBOX


def test_bulk_refused_for_residents_editors_and_visitors(client, concern_board, topic, area,
                                                         partner, resident, editor):
    from tests.refusals import assert_sent_to_sign_in, assert_staff_refused_by_admin

    concern = bulk_concerns(concern_board, topic, area, [partner], 1)[0]
    data = {"action": "claim", "concern": [concern.pk]}
    assert_sent_to_sign_in(client.post(BULK, data))
    client.force_login(resident)
    assert client.post(BULK, data).status_code == 403
    client.force_login(editor)  # staff without the inbox: Wagtail's own refusal
    assert_staff_refused_by_admin(client.post(BULK, data))
    assert Concern.objects.get(pk=concern.pk).state == State.OPEN
    assert not ConcernRoute.objects.filter(claimed_by__isnull=False).exists()


def test_moderators_get_no_bulk_buttons_and_cannot_claim(client, concern_board, topic, area,
                                                         partner, moderator, liaison):
    concern = bulk_concerns(concern_board, topic, area, [partner], 1)[0]
    client.force_login(moderator)
    page = client.get(INBOX).content.decode()
    assert 'id="inbox-bulk"' not in page and 'name="concern"' not in page
    page = client.post(BULK, {"action": "claim", "concern": [concern.pk]},
                       follow=True).content.decode()
    assert "(it was not sent to your organisation)" in page
    assert not ConcernRoute.objects.filter(claimed_by__isnull=False).exists()
    client.force_login(liaison)
    page = client.get(INBOX).content.decode()
    assert f'name="concern" value="{concern.pk}" form="inbox-bulk"' in page
    assert "aria-label=\"Select “Concern number 0”\"" in page


def test_a_liaison_clears_30_concerns_in_two_page_loads(client, concern_board, topic, area,
                                                        liaison, partner, ngo):
    """The journey, counted: open the inbox (1), tick every concern shown and press "Claim for
    my organisation" (the post and the inbox it goes back to: 1). Page loads are the HTML
    documents the browser shows."""
    concerns = bulk_concerns(concern_board, topic, area, [partner, ngo], 30)
    now = timezone.now()
    for i, concern in enumerate(concerns):
        Concern.objects.filter(pk=concern.pk).update(
            published_at=now - timezone.timedelta(hours=30 - i))
    client.force_login(liaison)
    loads = []
    inbox = client.get(INBOX)
    loads.append(inbox.request["PATH_INFO"])
    shown = re.findall(r'name="shown" value="(\d+)" form="inbox-bulk"', inbox.content.decode())
    assert len(shown) == 30
    done = client.post(BULK, {"action": "claim", "all_shown": "1", "shown": shown,
                              "next": INBOX}, follow=True)
    loads.append(done.request["PATH_INFO"])  # one load: the redirect lands on the inbox
    page = done.content.decode()
    assert "Claimed 30 concerns for your organisation." in page
    assert loads == [INBOX, INBOX] and len(loads) == 2
    assert ConcernRoute.objects.filter(partner=partner, claimed_by=liaison).count() == 30
    assert not ConcernRoute.objects.filter(partner=ngo, claimed_by__isnull=False).exists()
    # the inbox it lands on still shows all 30 (mine now), oldest due first
    assert len(_titles(page)) == 30
    order = list(dict.fromkeys(re.findall(r"Concern number \d+", page)))
    assert order[0] == "Concern number 0" and order[-1] == "Concern number 29"


def test_bulk_messages_tabs_and_menu_labels_have_spanish():
    from django.utils import translation

    with translation.override("es"):
        assert translation.ngettext("Claimed %(count)d concern for your organisation.",
                                    "Claimed %(count)d concerns for your organisation.", 2) \
            == "Has asumido %(count)d inquietudes para tu organización."
        assert translation.ngettext("%(count)d concern was left as it was: %(names)s.",
                                    "%(count)d concerns were left as they were: %(names)s.", 1) \
            == "%(count)d inquietud se quedó como estaba: %(names)s."
        assert translation.gettext("it was not sent to your organisation") == \
            "no se envió a tu organización"
        assert [translation.gettext(t) for t in ("Open", "Resolved", "Closed", "All")] == \
            ["Abiertas", "Resueltas", "Cerradas", "Todas"]
        assert translation.gettext("Response templates") == "Plantillas de respuesta"
        assert translation.gettext("(private: a resident's)") == "(privado: de un vecino o vecina)"
