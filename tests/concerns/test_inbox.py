"""The liaison inbox in the Wagtail admin: only the liaison's partner's concerns, filters, the
contact column, and a fixed number of queries for 100 concerns."""

import pytest
from django.utils import timezone

from forums.concerns import actions
from forums.concerns.models import Concern, ConcernRoute, State
from forums.models import Post, Thread
from tests.factories import UserFactory
from tests.refusals import assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

INBOX = "/admin/concerns/"


def bulk_concerns(board, topic, area, partners, n, *, share_contact=True):
    """n published concerns routed to `partners`, made in bulk (the actions are tested elsewhere)."""
    now = timezone.now()
    made, authors = [], [UserFactory() for _ in range(min(n, 3))]
    for i in range(n):
        author = authors[i % len(authors)]
        thread = Thread.objects.create(board=board, title=f"Concern number {i}", kind="concern",
                                       author=author, topic=topic, neighbourhood=area,
                                       last_activity_at=now)
        Post.objects.create(thread=thread, author=author, body_source="x", body_html="<p>x</p>")
        concern = Concern.objects.create(thread=thread, state=State.OPEN, published_at=now,
                                         share_contact=share_contact)
        ConcernRoute.objects.bulk_create(
            [ConcernRoute(concern=concern, partner=p, routed_at=now) for p in partners])
        made.append(concern)
    return made


def test_liaison_sees_only_their_partners_concerns(client, concern_board, topic, area, liaison,
                                                   partner, other_partner):
    ours = bulk_concerns(concern_board, topic, area, [partner], 2)
    bulk_concerns(concern_board, topic, area, [other_partner], 2)
    client.force_login(liaison)
    page = client.get(INBOX).content.decode()
    assert "Concern number 0" in page and "Concern number 1" in page
    assert "Concern number 2" not in page and "Concern number 3" not in page
    assert ours[0].thread.author.email in page  # shared contact details, routed partner


def test_contact_column_empty_when_not_shared(client, concern_board, topic, area, liaison, partner):
    concern = bulk_concerns(concern_board, topic, area, [partner], 1, share_contact=False)[0]
    client.force_login(liaison)
    assert concern.thread.author.email not in client.get(INBOX).content.decode()


def test_filters_by_state_and_claim(client, concern_board, topic, area, liaison, partner):
    first, second = bulk_concerns(concern_board, topic, area, [partner], 2)
    actions.claim(first, by=liaison)
    client.force_login(liaison)
    page = client.get(INBOX, {"state": "acknowledged"}).content.decode()
    assert "Concern number 0" in page and "Concern number 1" not in page
    page = client.get(INBOX, {"claim": "mine"}).content.decode()
    assert "Concern number 0" in page and "Concern number 1" not in page
    page = client.get(INBOX, {"overdue": "true"}).content.decode()
    assert "Concern number 0" not in page


def test_residents_and_editors_have_no_inbox(client, resident, editor):
    client.force_login(resident)
    assert client.get(INBOX).status_code == 403
    client.force_login(editor)
    assert_staff_refused_by_admin(client.get(INBOX))


def test_inbox_with_100_concerns_uses_a_fixed_number_of_queries(
        client, concern_board, topic, area, liaison, partner, ngo, django_assert_max_num_queries):
    bulk_concerns(concern_board, topic, area, [partner, ngo], 5)
    client.force_login(liaison)
    client.get(INBOX)  # warm caches (site settings, content types)
    with django_assert_max_num_queries(40) as few:
        assert client.get(INBOX).status_code == 200
    bulk_concerns(concern_board, topic, area, [partner, ngo], 95)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(INBOX).content.decode()
    assert page.count("<td class=\"inbox-title title\">") == 100


def test_administrators_manage_routing_rules_templates_and_default_partner(
        client, administrator, liaison, partner, topic):
    from tests.factories import routing_rule

    routing_rule([partner], topic=topic)
    client.force_login(administrator)
    rules = client.get("/admin/snippets/concerns/routingrule/")
    assert rules.status_code == 200 and "Drug litter in anywhere" in rules.content.decode()
    assert client.get("/admin/snippets/concerns/responsetemplate/").status_code == 200
    assert client.get("/admin/settings/concerns/concernsettings/", follow=True).status_code == 200
    client.force_login(liaison)
    assert_staff_refused_by_admin(client.get("/admin/snippets/concerns/routingrule/"))


def test_moderators_see_every_concern_and_the_rule_gap_flag(
        client, concern_board, topic, area, moderator, partner, other_partner):
    first, second = bulk_concerns(concern_board, topic, area, [partner], 1) + \
        bulk_concerns(concern_board, topic, area, [other_partner], 1)
    Concern.objects.filter(pk=second.pk).update(is_unmatched=True)
    client.force_login(moderator)
    page = client.get(INBOX).content.decode()
    assert "Concern number 0" in page and "No rule matched" in page
    assert first.thread.author.email not in page  # moderators are not a routed partner
    page = client.get(INBOX, {"is_unmatched": "true"}).content.decode()
    assert page.count('<td class="inbox-title title">') == 1


def test_nobody_edits_or_deletes_a_concern_in_the_admin(client, concern_board, topic, area,
                                                        partner):
    from tests.factories import UserFactory as Users

    concern = bulk_concerns(concern_board, topic, area, [partner], 1)[0]
    superuser = Users(mfa=True)
    superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)
    assert client.get(INBOX).status_code == 200
    for url in (f"{INBOX}edit/{concern.pk}/", f"{INBOX}delete/{concern.pk}/", f"{INBOX}new/"):
        assert_staff_refused_by_admin(client.get(url))
    assert Concern.objects.filter(pk=concern.pk).exists()


def _titles(page):
    import re

    return set(re.findall(r"Concern number \d+", page))


def test_inbox_opens_on_open_mine_and_unclaimed_oldest_due_first(
        client, concern_board, topic, area, liaison, partner):
    colleague = UserFactory(mfa=True)
    from portal.accounts import actions as account_actions
    from portal.accounts.roles import Role

    account_actions.grant_role(colleague, Role.LIAISON, partner=partner)
    concerns = bulk_concerns(concern_board, topic, area, [partner], 5)
    for days, concern in zip([1, 5, 3, 2, 4], concerns, strict=True):
        Concern.objects.filter(pk=concern.pk).update(
            published_at=timezone.now() - timezone.timedelta(days=days))
    actions.claim(concerns[0], by=liaison)  # mine
    actions.claim(concerns[1], by=colleague)  # a colleague's
    Concern.objects.filter(pk=concerns[2].pk).update(state=State.RESOLVED)
    client.force_login(liaison)
    page = client.get(INBOX).content.decode()
    assert _titles(page) == {"Concern number 0", "Concern number 3", "Concern number 4"}
    # oldest due first: number 4 (4 days), number 3 (2 days), number 0 (1 day)
    assert page.index("Concern number 4") < page.index("Concern number 3") \
        < page.index("Concern number 0")
    everything = client.get(INBOX, {"state": "any", "claim": "any"}).content.decode()
    assert len(_titles(everything)) == 5
    colleagues = client.get(INBOX, {"claim": "colleagues"}).content.decode()
    assert _titles(colleagues) == {"Concern number 1"}


def test_due_soon_overdue_and_escalated_markers(client, concern_board, topic, area, liaison,
                                                partner):
    overdue, soon, fresh = bulk_concerns(concern_board, topic, area, [partner], 3)
    now = timezone.now()
    Concern.objects.filter(pk=overdue.pk).update(published_at=now - timezone.timedelta(days=6),
                                                 escalated_at=now)
    ConcernRoute.objects.filter(concern=overdue).update(escalated_at=now)
    Concern.objects.filter(pk=soon.pk).update(published_at=now - timezone.timedelta(days=4, hours=12))
    client.force_login(liaison)
    page = client.get(INBOX).content.decode()
    rows = {title: page[page.index(title):][:1500] for title in _titles(page)}
    assert "Overdue" in rows["Concern number 0"] and "Escalated" in rows["Concern number 0"]
    assert "Due soon" in rows["Concern number 1"] and "Overdue" not in rows["Concern number 1"]
    assert "Due soon" not in rows["Concern number 2"] and "Overdue" not in rows["Concern number 2"]
    assert _titles(client.get(INBOX, {"escalated": "true"}).content.decode()) == \
        {"Concern number 0"}


def test_inbox_search_finds_titles(client, concern_board, topic, area, liaison, partner):
    bulk_concerns(concern_board, topic, area, [partner], 12)
    client.force_login(liaison)
    page = client.get(INBOX, {"q": "number 11"}).content.decode()
    assert _titles(page) == {"Concern number 11"}


@pytest.mark.parametrize("share_contact", [True, False])
def test_csv_export_holds_only_what_the_liaison_may_see(client, concern_board, topic, area,
                                                        liaison, other_liaison, moderator,
                                                        partner, other_partner, share_contact):
    ours = bulk_concerns(concern_board, topic, area, [partner], 2, share_contact=share_contact)
    theirs = bulk_concerns(concern_board, topic, area, [other_partner], 1, share_contact=True)[0]
    Thread.objects.filter(pk=theirs.thread_id).update(title="Another partner's concern")
    theirs.thread.refresh_from_db()
    client.force_login(liaison)
    response = client.get(INBOX, {"export": "csv", "state": "any", "claim": "any"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    csv = b"".join(response.streaming_content).decode()
    assert "Concern number 0" in csv and "Concern number 1" in csv
    assert theirs.thread.title not in csv  # another partner's concern
    assert theirs.thread.author.email not in csv
    assert (ours[0].thread.author.email in csv) is share_contact
    client.force_login(moderator)  # moderators are no routed partner: no contact details
    csv = b"".join(client.get(INBOX, {"export": "csv", "state": "any", "claim": "any"})
                   .streaming_content).decode()
    assert "Another partner's concern" in csv and "@" not in csv.split("\n", 1)[1]
