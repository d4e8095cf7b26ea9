"""The Open311 GeoReport v2 read API: services, service requests, errors, privacy, query counts."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from forums.concerns import actions
from forums.concerns.models import Concern
from forums.moderation import actions as moderation
from tests.factories import (
    NeighbourhoodFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    forum_board,
    raised_concern,
    routing_rule,
    staff_user,
)

pytestmark = pytest.mark.django_db

API = "/open311/v2"


# Given --------------------------------------------------------------------------------------

@pytest.fixture
def topic(db):
    return TopicFactory(name="Drug litter", slug="drug-litter", description="Needles and litter.")


@pytest.fixture
def area(db):
    return NeighbourhoodFactory(name="Millbrook")


@pytest.fixture
def board(db, topic):
    board = forum_board(slug="concerns", title="Neighbourhood concerns", thread_kind="concern",
                        allow_anonymous=True)
    board.topics.set([topic])
    board.save()  # a ParentalManyToManyField is written when the page is saved
    return board


@pytest.fixture
def police(db):
    return PartnerFactory(name="Riverton Police (test)", kind="police")


@pytest.fixture
def charity(db):
    return PartnerFactory(name="Harbour Lights (test)")


@pytest.fixture
def police_liaison(db, police):
    from portal.accounts.roles import Role

    return staff_user(Role.LIAISON, partner=police, display_name="Sergeant Liaison Person",
                      email="sergeant@police.example")


@pytest.fixture
def rules(db, police, charity, topic):
    return routing_rule([police, charity], topic=topic)


@pytest.fixture
def resident(db):
    return UserFactory(email="jo.private@example.org", display_name="Jo Privateperson")


@pytest.fixture
def concern(resident, board, topic, area, rules):
    return raised_concern(resident, board, topic=topic, neighbourhood=area,
                          title="Needles by the swings", body="Found *three* needles & a spoon.")


def get(client, path, **params):
    response = client.get(f"{API}/{path}", params)
    return response, json.loads(response.content)


def published(concern, when):
    Concern.objects.filter(pk=concern.pk).update(published_at=when)


# Services -----------------------------------------------------------------------------------

def test_services_are_the_topics_of_public_concern_boards(client, board, topic):
    # given a discussion board and a login-only concern board with topics of their own
    discussion = forum_board(slug="general", title="General")
    discussion.topics.set([TopicFactory(name="Chat")])
    discussion.save()
    private = forum_board(slug="staff-concerns", title="Staff concerns", thread_kind="concern")
    private.topics.set([TopicFactory(name="Secret topic")])
    private.save()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    # when a client lists the services
    response, services = get(client, "services.json")
    # then only the public concern board's topic is a service, with the spec's fields
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert services == [{
        "service_code": "drug-litter", "service_name": "Drug litter",
        "description": "Needles and litter.", "metadata": False, "type": "realtime",
        "keywords": "Drug litter, Neighbourhood concerns", "group": "Neighbourhood concerns",
    }]


def test_service_definition_has_no_attributes_and_unknown_codes_are_404(client, board):
    response, definition = get(client, "services/drug-litter.json")
    assert (response.status_code, definition) == (200, {"service_code": "drug-litter",
                                                        "attributes": []})
    response, error = get(client, "services/potholes.json")
    assert response.status_code == 404
    assert error == [{"code": 404, "description": "No service has the service_code “potholes”."}]


def test_discovery_names_the_spec_and_json(client):
    response, document = get(client, "discovery.json")
    [endpoint] = document["endpoints"]
    assert response.status_code == 200
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["formats"] == ["application/json"]


# Service requests: the mapping ------------------------------------------------------------------

def test_a_new_concern_maps_to_an_open_request(client, concern):
    response, [item] = get(client, "requests.json")
    published_at = timezone.localtime(concern.published_at)
    assert response.status_code == 200
    assert item == {
        "service_request_id": str(concern.pk),
        "status": "open",
        "status_notes": "Common Ground: Published and sent to Harbour Lights (test) and "
                        "Riverton Police (test)",
        "service_name": "Drug litter",
        "service_code": "drug-litter",
        "description": "Needles by the swings\n\nFound three needles & a spoon.",
        "agency_responsible": "Harbour Lights (test); Riverton Police (test)",
        "requested_datetime": published_at.isoformat(timespec="seconds"),
        "updated_datetime": published_at.isoformat(timespec="seconds"),
        "expected_datetime": (published_at + timedelta(days=5)).isoformat(timespec="seconds"),
        "address": "Millbrook",
    }
    for absent in ("lat", "long", "media_url", "author", "email"):
        assert absent not in item


def test_answered_then_resolved_concern(client, concern, police_liaison):
    # given the police answer with a reason and then resolve the concern
    actions.answer(concern, by=police_liaison, body="We cleared the area.", kind="not_actionable",
                   reason="Private land")
    _, [answered] = get(client, "requests.json")
    assert answered["status"] == "open"
    assert answered["expected_datetime"] is None  # answered: nothing is expected any more
    assert answered["status_notes"] == ("Riverton Police (test): Official response: Not "
                                        "actionable. Why: Private land")
    actions.resolve(concern, by=police_liaison)
    _, [resolved] = get(client, "requests.json")
    assert resolved["status"] == "closed"
    assert resolved["status_notes"] == "Riverton Police (test): Resolved"


def test_redacted_text_is_what_the_api_shows(client, concern, moderator):
    first = concern.thread.posts.get()
    moderation.redact(first, by=moderator, body="Found needles near [address removed].",
                      reason="Street address")
    _, [item] = get(client, "requests.json")
    assert item["description"] == "Needles by the swings\n\nFound needles near [address removed]."
    assert "spoon" not in json.dumps(item)


def test_nothing_personal_or_internal_is_ever_in_the_json(client, resident, board, topic, area,
                                                          rules, police_liaison, moderator):
    # given an anonymous concern with shared contact details, a claim by a named liaison (an
    # internal timeline entry), an internal note and a signed official answer
    concern = raised_concern(resident, board, topic=topic, neighbourhood=area, anonymous=True,
                             share_contact=True, title="Dealing outside number 12")
    actions.claim(concern, by=police_liaison)
    actions.assign(concern, police_liaison, by=police_liaison)
    actions.add_note(concern, by=police_liaison, body="Internal: the caller lives at number 14.")
    # when a client reads the list and the request itself
    texts = [get(client, "requests.json")[1], get(client, f"requests/{concern.pk}.json")[1]]
    # then none of it shows
    for text in map(json.dumps, texts):
        for private in ("jo.private@example.org", "Jo Privateperson", "A resident",
                        "Sergeant Liaison Person", "sergeant@police.example", "number 14",
                        "Internal", "anonymous", "share_contact", "author", "Claimed"):
            assert private.lower() not in text.lower(), private
    assert texts[0][0]["status_notes"] == "Riverton Police (test): Acknowledged"


def test_only_public_concerns_are_requests(client, concern, resident, board, topic, area, rules,
                                          moderator):
    # given: a concern waiting for moderation, a hidden thread, a concern whose first post was
    # hidden, and one on a login-only board
    waiting = actions.raise_concern(board, by=resident, title="Waiting for review", body="Text.",
                                    topic=topic, neighbourhood=area)
    Concern.objects.filter(thread=waiting).update(state="submitted", published_at=None)
    hidden = raised_concern(resident, board, topic=topic, neighbourhood=area, title="Hidden by a moderator")
    moderation.hide(hidden.thread.posts.get(), by=moderator, reason="Off topic")
    held = raised_concern(resident, board, topic=topic, neighbourhood=area, title="First post held again")
    moderation.hide(held.thread.posts.get(), by=moderator, reason="Personal details")
    private_board = forum_board(slug="members", title="Members", thread_kind="concern")
    private = raised_concern(resident, private_board, topic=topic, neighbourhood=area,
                             title="On a members-only board")
    PageViewRestriction.objects.create(page=private_board, restriction_type="login")
    # then only the public concern is listed, and the others are not found one by one
    _, items = get(client, "requests.json")
    assert [i["service_request_id"] for i in items] == [str(concern.pk)]
    for other in (Concern.objects.get(thread=waiting), hidden, held, private):
        response, error = get(client, f"requests/{other.pk}.json")
        assert response.status_code == 404
        assert error[0]["code"] == 404


def test_request_by_id_is_a_list_of_one(client, concern):
    response, items = get(client, f"requests/{concern.pk}.json")
    assert response.status_code == 200
    assert [i["service_request_id"] for i in items] == [str(concern.pk)]
    assert get(client, "requests/abc.json")[0].status_code == 404
    assert get(client, f"requests/{concern.pk + 999}.json")[0].status_code == 404
    assert get(client, "requests/99999999999999999999.json")[0].status_code == 404
    assert get(client, "requests/0.json")[0].status_code == 404


# Service requests: filters ----------------------------------------------------------------------

@pytest.fixture
def dated(resident, board, topic, area, rules, police_liaison):
    """Three concerns published on known days: 1 March (resolved), 10 March and 20 June."""
    made = []
    for title, day in (("March first", datetime(2026, 3, 1, 12, tzinfo=UTC)),
                       ("March tenth", datetime(2026, 3, 10, 12, tzinfo=UTC)),
                       ("June concern", datetime(2026, 6, 20, 12, tzinfo=UTC))):
        concern = raised_concern(resident, board, topic=topic, neighbourhood=area, title=title)
        published(concern, day)
        made.append(concern)
    actions.answer(made[0], by=police_liaison, body="We cleared the area.", kind="action_taken")
    actions.resolve(made[0], by=police_liaison)  # resolving needs an official answer first
    return made


def ids(items):
    return [int(i["service_request_id"]) for i in items]


def test_date_window_and_status(client, dated):
    first, tenth, june = dated
    window = {"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-03-31T00:00:00+01:00"}
    assert ids(get(client, "requests.json", **window)[1]) == [tenth.pk, first.pk]
    assert ids(get(client, "requests.json", status="closed", **window)[1]) == [first.pk]
    assert ids(get(client, "requests.json", status="open", **window)[1]) == [tenth.pk]
    assert ids(get(client, "requests.json", status="open,closed", **window)[1]) == [tenth.pk, first.pk]
    # a lone start date searches the 90 days after it
    assert ids(get(client, "requests.json", start_date="2026-03-05T00:00:00Z")[1]) == [tenth.pk]
    # the default window is the last 90 days, so none of these old concerns
    assert get(client, "requests.json")[1] == []


def test_an_unencoded_plus_in_the_offset_is_understood(client, dated):
    # "+01:00" sent without encoding arrives as " 01:00"
    response = client.get(f"{API}/requests.json?start_date=2026-06-20T12:30:00+01:00"
                          "&end_date=2026-06-21T00:00:00Z")
    assert ids(json.loads(response.content)) == [dated[2].pk]


def test_service_request_id_list_overrides_the_other_filters(client, dated):
    first, tenth, june = dated
    _, items = get(client, "requests.json", service_request_id=f"{first.pk}, {june.pk},99999",
                   status="open", start_date="2020-01-01T00:00:00Z")
    assert ids(items) == [june.pk, first.pk]


def test_service_code_filter(client, dated, board, resident, area, rules):
    other = TopicFactory(name="Alcohol", slug="alcohol")
    board.topics.add(other)
    board.save()
    drink = raised_concern(resident, board, topic=other, neighbourhood=area, title="Drinking on the benches")
    assert ids(get(client, "requests.json", service_code="alcohol")[1]) == [drink.pk]
    assert len(get(client, "requests.json", service_code="alcohol,drug-litter")[1]) == 1
    window = {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-07-01T00:00:00Z"}
    assert ids(get(client, "requests.json", service_code="drug-litter", **window)[1]) == [dated[2].pk]


@pytest.mark.parametrize(("params", "message"), [
    ({"start_date": "yesterday"}, "start_date must be a W3C date and time with a time zone"),
    ({"end_date": "2026-03-01T10:00:00"}, "end_date must be a W3C date and time with a time zone"),
    ({"start_date": "2026-02-30T10:00:00Z"}, "start_date must be a W3C date"),
    ({"start_date": "2026-03-02T00:00:00Z", "end_date": "2026-03-01T00:00:00Z"},
     "start_date must be before end_date."),
    ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
     "start_date and end_date may not be more than 90 days apart."),
    ({"start_date": "9999-12-31T00:00:00Z"}, "The dates are out of range."),
    ({"end_date": "0001-01-02T00:00:00Z"}, "The dates are out of range."),
    ({"service_code": "potholes"}, "Unknown service_code: potholes."),
    ({"status": "pending"}, "Unknown status: pending. Use open or closed."),
    ({"service_request_id": "1,two"}, "service_request_id must be one number"),
    ({"page": "0"}, "page must be a whole number from 1 to 1,000,000."),
    ({"page": "²"}, "page must be a whole number from 1"),
    ({"service_request_id": "99999999999999999999"}, "service_request_id must be one number"),
    ({"page_size": "1001"}, "page_size must be a whole number from 1 to 1000."),
])
def test_bad_parameters_get_a_400_in_the_spec_format(client, board, params, message):
    response, errors = get(client, "requests.json", **params)
    assert response.status_code == 400
    [error] = errors
    assert error["code"] == 400
    assert error["description"].startswith(message)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_paging_extension(client, resident, board, topic, area, rules):
    made = [raised_concern(resident, board, topic=topic, neighbourhood=area, title=f"Concern number {n}")
            for n in range(3)]
    response, first_page = get(client, "requests.json", page_size=2)
    assert ids(first_page) == [made[2].pk, made[1].pk]
    assert response["Link"] == ('<http://testserver/open311/v2/requests.json?page_size=2&page=2>; '
                                'rel="next"')
    response, second_page = get(client, "requests.json", page_size=2, page=2)
    assert ids(second_page) == [made[0].pk]
    assert not response.has_header("Link")


# The protocol: formats, methods, headers, unknown paths ------------------------------------------

def test_xml_is_not_supported(client, concern):
    for path in ("services.xml", "requests.xml", f"requests/{concern.pk}.xml", "discovery.xml"):
        response, [error] = get(client, path)
        assert response.status_code == 400
        assert error == {"code": 400, "description": "The format “xml” is not supported: only "
                                                     "JSON is. Use the same address ending in .json."}


def test_posting_a_request_is_refused_with_405(client, board):
    response = client.post(f"{API}/requests.json", {"service_code": "drug-litter",
                                                    "description": "New"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    [error] = json.loads(response.content)
    assert error["code"] == 405 and "read only" in error["description"]
    assert Concern.objects.count() == 0


def test_public_headers_and_cors_preflight(client, concern):
    response = client.get(f"{API}/requests.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"
    preflight = client.options(f"{API}/requests.json")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_unknown_open311_paths_answer_in_json(client):
    response, [error] = get(client, "tokens/123.json")
    assert (response.status_code, error["code"]) == (404, 404)


# Query counts ------------------------------------------------------------------------------------

def test_requests_query_count_does_not_grow(client, django_assert_max_num_queries, concern,
                                            resident, board, topic, area, rules, police_liaison):
    with django_assert_max_num_queries(10) as few:
        get(client, "requests.json")
    for n in range(8):
        more = raised_concern(resident, board, topic=topic, neighbourhood=area, title=f"More concerns {n}")
        actions.answer(more, by=police_liaison, body=f"Answer {n}", kind="information")
    with django_assert_max_num_queries(len(few.captured_queries)):
        _, items = get(client, "requests.json")
    assert len(items) == 9


def test_services_query_count_does_not_grow(client, django_assert_max_num_queries, board):
    with django_assert_max_num_queries(5) as few:
        get(client, "services.json")
    for n in range(6):
        extra = forum_board(slug=f"board-{n}", title=f"Board {n}", thread_kind="concern")
        extra.topics.set([TopicFactory(name=f"Topic {n}")])
        extra.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        _, services = get(client, "services.json")
    assert len(services) == 7


def test_demo_concerns_are_readable_and_anonymous(client, demo_city):
    from portal.accounts.models import User

    response, items = get(client, "requests.json")
    assert response.status_code == 200
    descriptions = [i["description"] for i in items]
    for title in ("Needles in the play area", "Cars stopping briefly outside the flats"):
        assert any(d.startswith(title) for d in descriptions), title
    text = json.dumps(items)
    for user in User.objects.all():
        assert user.email not in text
        assert user.display_name not in text
