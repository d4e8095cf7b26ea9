"""Where it happened, without exposing anyone: landmarks editors keep, the exact point for the
routed partners' liaisons only, and a point snapped to a coarse grid everywhere else (the page,
Open311); the form works without JavaScript; the map fetches nothing from third parties unless
the operator sets a tile server."""

import json
import math
from decimal import Decimal

import pytest
from django.urls import reverse

from forums.concerns import actions, places
from forums.concerns.models import Concern
from portal.accounts import actions as account_actions
from portal.accounts import queries as account_queries
from portal.taxonomy.models import Landmark

pytestmark = pytest.mark.django_db

EXACT = ("52.40237", "-1.51862")  # a resident's doorstep, say


@pytest.fixture
def park(area):
    return Landmark.objects.create(name="Millbrook Park", kind="park", neighbourhood=area,
                                   latitude=Decimal("52.40210"), longitude=Decimal("-1.51830"))


@pytest.fixture
def placed(resident, concern_board, topic, area, rules, liaison, ngo_liaison, park):
    thread = actions.raise_concern(concern_board, by=resident, title="Needles by the swings again",
                                   body="Every morning this week.", topic=topic, neighbourhood=area,
                                   landmark=park, latitude=EXACT[0], longitude=EXACT[1])
    return actions.publish(thread)


def distance_metres(a, b):
    lat = math.radians((float(a[0]) + float(b[0])) / 2)
    dy = (float(a[0]) - float(b[0])) * places.METRES_PER_DEGREE
    dx = (float(a[1]) - float(b[1])) * places.METRES_PER_DEGREE * math.cos(lat)
    return math.hypot(dx, dy)


# Snapping ---------------------------------------------------------------------------------------

def test_points_in_one_cell_snap_to_its_centre_and_no_closer_than_the_cell(settings):
    settings.CONCERN_LOCATION_GRID_METRES = 250
    centre = places.snap(*EXACT)
    nearby = places.snap(Decimal(EXACT[0]) + Decimal("0.0001"), Decimal(EXACT[1]))
    assert nearby == centre or distance_metres(EXACT, (nearby.latitude, nearby.longitude)) < 250
    assert distance_metres(EXACT, (centre.latitude, centre.longitude)) <= 250 / math.sqrt(2) + 1
    # the public point is not the exact one, and a coarser grid gives a coarser answer
    assert (str(centre.latitude), str(centre.longitude)) != EXACT
    settings.CONCERN_LOCATION_GRID_METRES = 1000
    coarse = places.snap(*EXACT)
    assert coarse != centre


def test_every_point_of_a_cell_gives_the_same_answer():
    cell = places.snap(*EXACT, metres=250)
    lat_step = 250 / places.METRES_PER_DEGREE
    south = (math.floor(float(EXACT[0]) / lat_step)) * lat_step
    for fraction in (0.01, 0.5, 0.99):
        assert places.snap(south + fraction * lat_step, float(cell.longitude), metres=250) == cell


# Who sees what ----------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [None, "resident", "moderator", "other_liaison", "author"])
def test_only_routed_liaisons_see_the_exact_point(client, placed, request, role):
    if role == "author":
        client.force_login(placed.thread.author)
    elif role:
        client.force_login(request.getfixturevalue(role))
    html = client.get(placed.thread.get_absolute_url() + "?page=1").text
    snapped = places.snap(*EXACT)
    assert "near Millbrook Park (park or open space, Millbrook)" in html
    assert f"around {snapped.latitude}, {snapped.longitude}" in html
    assert EXACT[0] not in html and EXACT[1] not in html


@pytest.mark.parametrize("role", ["liaison", "ngo_liaison"])
def test_routed_liaisons_see_the_exact_point(client, placed, request, role):
    client.force_login(request.getfixturevalue(role))
    html = client.get(placed.thread.get_absolute_url() + "?page=1").text
    assert f"Exact point marked by the resident:</strong> {EXACT[0]}, {EXACT[1]}" in html


def test_open311_gives_the_snapped_point_never_the_exact_one(client, placed):
    items = client.get("/open311/v2/requests.json").json()
    [item] = [i for i in items if i["service_request_id"] == str(placed.pk)]
    snapped = places.snap(*EXACT)
    assert (item["lat"], item["long"]) == (float(snapped.latitude), float(snapped.longitude))
    assert EXACT[0] not in json.dumps(items)


def test_a_landmark_alone_is_shown_snapped_too(client, resident, concern_board, topic, area, rules,
                                               park):
    thread = actions.raise_concern(concern_board, by=resident, title="Dealing by the park gates",
                                   body="Most evenings.", topic=topic, neighbourhood=area,
                                   landmark=park)
    concern = actions.publish(thread)
    item = [i for i in client.get("/open311/v2/requests.json").json()
            if i["service_request_id"] == str(concern.pk)][0]
    assert (item["lat"], item["long"]) == tuple(float(v) for v in
                                                (places.snap(park.latitude, park.longitude).latitude,
                                                 places.snap(park.latitude, park.longitude).longitude))


def test_deleting_the_account_keeps_only_the_snapped_point(placed, resident):
    account_actions.delete_account(resident, by=resident)
    concern = Concern.objects.get(pk=placed.pk)
    snapped = places.snap(*EXACT)
    assert (concern.latitude, concern.longitude) == (snapped.latitude, snapped.longitude)


def test_the_residents_export_holds_their_own_point(placed, resident):
    data = account_queries.export_user_data(resident)
    assert data["concerns"][0]["marked_point"] == list(EXACT)
    assert data["concerns"][0]["landmark"] == "Millbrook Park"


# The form, with and without JavaScript -----------------------------------------------------------

def test_form_offers_the_landmark_list_and_a_map_that_fetches_nothing_by_default(
        client, resident, concern_board, park):
    client.force_login(resident)
    html = client.get(concern_board.url + "new/").text
    assert f'<option value="{park.pk}">Millbrook Park (Millbrook)</option>' in html
    assert '<div id="concern-map-box" class="concern-map" hidden>' in html  # shown by the script
    data = json.loads(html.split('<script id="concern-map-data" type="application/json">')[1]
                      .split("</script>")[0])
    assert data["tiles"] == "" and data["landmarks"][0]["name"] == "Millbrook Park (Millbrook)"
    assert '<script src="/static/concerns/vendor/leaflet/leaflet.js" defer></script>' in html


def test_discussion_boards_have_no_place_fields(client, resident):
    from tests.factories import forum_board

    client.force_login(resident)
    html = client.get(forum_board().url + "new/").text
    assert 'name="landmark"' not in html and "concern-map" not in html


def test_raising_with_a_landmark_and_no_javascript(client, resident, concern_board, topic, area,
                                                   park, rules):
    client.force_login(resident)
    response = client.post(concern_board.url + "new/", {
        "token": "t1", "title": "Needles by the swings again", "body": "Every morning.",
        "topic": topic.pk, "neighbourhood": area.pk, "landmark": park.pk})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.landmark == park and concern.latitude is None


def test_a_point_off_the_map_is_refused_and_what_was_typed_is_kept(client, resident, concern_board,
                                                                    topic, area):
    client.force_login(resident)
    response = client.post(concern_board.url + "new/", {
        "token": "t2", "title": "Needles by the swings again", "body": "Every morning.",
        "topic": topic.pk, "neighbourhood": area.pk, "latitude": "95", "longitude": "2"})
    assert response.status_code == 200
    assert "is not on the map" in response.text
    assert "Every morning." in response.text
    assert not Concern.objects.exists()


# Editors keep the list ---------------------------------------------------------------------------

@pytest.mark.parametrize("role, status", [("editor", 200), ("administrator", 200),
                                          ("liaison", 302), ("moderator", 302)])
def test_editors_and_administrators_keep_the_landmark_list(client, request, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("wagtailsnippets_taxonomy_landmark:add"))
    assert response.status_code == status
