"""Role × action table: who may see and do what on a concern. Contact details only where shared
and only to routed partners; internal notes only to routed partners' liaisons and moderators;
the public sees organisations, never the resident's account."""

import pytest

from forums.concerns import actions, permissions
from forums.concerns.models import State
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "author", "other_resident", "routed_liaison", "other_liaison", "moderator",
         "administrator"]

# action -> roles allowed, on an open concern the author shared contact details on
TABLE = {
    "view": set(ROLES),
    "see_contact": {"routed_liaison"},
    "see_notes": {"routed_liaison", "moderator"},
    "add_note": {"routed_liaison", "moderator"},
    "claim": {"routed_liaison"},
    "acknowledge": {"routed_liaison"},
    "answer": {"routed_liaison"},
    "resolve": set(),  # not before an official answer: see test_liaison_rules.py
    "close_duplicate": {"routed_liaison", "moderator"},
    "withdraw": {"author"},
    "reroute": {"moderator"},
    "reopen": set(),
    "satisfaction": set(),
    "use_inbox": {"routed_liaison", "other_liaison", "moderator"},
}

CHECKS = {
    "view": permissions.can_view_concern,
    "see_contact": permissions.can_see_contact_details,
    "see_notes": permissions.can_see_notes,
    "add_note": permissions.can_add_note,
    "claim": permissions.can_claim,
    "acknowledge": permissions.can_acknowledge,
    "answer": permissions.can_answer,
    "resolve": permissions.can_resolve,
    "close_duplicate": lambda u, c: permissions.can_close(u, c, "duplicate"),
    "withdraw": lambda u, c: permissions.can_close(u, c, "withdrawn"),
    "reroute": permissions.can_reroute,
    "reopen": permissions.can_reopen,
    "satisfaction": permissions.can_give_satisfaction,
    "use_inbox": lambda u, c: permissions.can_use_inbox(u),
}


@pytest.fixture
def people(resident, liaison, other_liaison, moderator, administrator):
    from django.contrib.auth.models import AnonymousUser

    return {"visitor": AnonymousUser(), "author": resident, "other_resident": UserFactory(),
            "routed_liaison": liaison, "other_liaison": other_liaison, "moderator": moderator,
            "administrator": administrator}


@pytest.fixture
def shared_concern(resident, concern_board, topic, area, rules, liaison):
    from tests.factories import raised_concern

    return raised_concern(resident, concern_board, topic=topic, neighbourhood=area,
                          share_contact=True)


@pytest.mark.parametrize("role", ROLES)
def test_role_action_table(people, shared_concern, role):
    allowed = {action for action, check in CHECKS.items() if check(people[role], shared_concern)}
    assert allowed == {action for action, roles in TABLE.items() if role in roles}


def test_contact_details_need_sharing(concern, liaison):
    assert not permissions.can_see_contact_details(liaison, concern)


def test_after_resolution_only_the_author_reopens_and_answers_the_question(people, shared_concern):
    actions.answer(shared_concern, by=people["routed_liaison"], kind="information", body="Done.")
    actions.resolve(shared_concern, by=people["routed_liaison"])
    for role in ROLES:
        expected = role == "author"
        assert permissions.can_reopen(people[role], shared_concern) is expected
        assert permissions.can_give_satisfaction(people[role], shared_concern) is expected


def test_submitted_concern_is_private_to_author_and_moderators(people, shared_concern):
    shared_concern.state = State.SUBMITTED
    shared_concern.save()
    visible = {r for r in ROLES if permissions.can_view_concern(people[r], shared_concern)}
    assert visible == {"author", "moderator"}


def test_pages_show_notes_and_contact_only_to_the_right_people(client, people, shared_concern):
    actions.add_note(shared_concern, by=people["routed_liaison"], body="Checked with the council")
    url = shared_concern.thread.get_absolute_url()
    email = people["author"].email
    for role, sees_note, sees_contact in [
        ("routed_liaison", True, True), ("moderator", True, False), ("other_liaison", False, False),
        ("author", False, False), ("other_resident", False, False), ("visitor", False, False),
    ]:
        client.logout()
        if role != "visitor":
            client.force_login(people[role])
        page = client.get(url).content.decode()
        assert ("Checked with the council" in page) is sees_note, role
        assert (email in page) is sees_contact, role


def test_liaisons_of_a_shared_concern_see_each_others_notes(concern, liaison, ngo_liaison):
    actions.add_note(concern, by=ngo_liaison, body="NGO outreach visited")
    assert permissions.can_see_notes(liaison, concern)


def test_post_to_another_partners_concern_is_refused(client, concern, other_liaison):
    client.force_login(other_liaison)
    client.post(f"/forums/concerns/{concern.pk}/answer/", {
        "answer-kind": "information", "answer-body": "Not ours"})
    assert not concern.answers.exists()
    response = client.get(f"/forums/concerns/{concern.pk}/answer/")
    assert response.status_code == 405


def test_account_deletion_stops_sharing_and_export_lists_concerns(concern, resident, liaison):
    from portal.accounts import actions as account_actions
    from portal.accounts import queries as account_queries

    concern.share_contact = True
    concern.save()
    exported = account_queries.export_user_data(resident)
    assert exported["concerns"][0]["title"] == concern.title
    assert exported["concerns"][0]["shared_contact_details"] is True
    account_actions.delete_account(resident, by=resident)
    concern.refresh_from_db()
    assert not permissions.can_see_contact_details(liaison, concern)
