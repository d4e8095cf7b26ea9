"""Editors see popular searches and searches with no results, and may promote results."""

import pytest
from django.urls import reverse

from search.models import NoResultQuery
from search.permissions import can_promote_results, can_see_search_report
from tests.refusals import assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("resident", False), ("moderator", False), ("liaison", False), ("editor", True),
     ("administrator", True)],
)
def test_who_sees_the_search_report_and_promotes_results(request, role, allowed):
    user = request.getfixturevalue(role)

    assert can_see_search_report(user) is allowed
    assert can_promote_results(user) is allowed


def test_visitors_may_not_see_the_report():
    from django.contrib.auth.models import AnonymousUser

    assert not can_see_search_report(AnonymousUser())


def test_an_editor_reads_popular_and_no_result_searches(client, editor):
    # Given people searched
    client.get("/search/", {"q": "naloxone"})
    client.get("/search/", {"q": "naloxone"})
    client.get("/search/", {"q": "zebra"})
    assert NoResultQuery.objects.filter(query_string="naloxone").exists()

    # When an editor opens the report
    client.force_login(editor)
    response = client.get(reverse("search_report"))

    # Then they see the searches and how often they were made
    assert response.status_code == 200
    assert "<td>naloxone</td><td>2</td>" in response.text
    assert "<td>zebra</td><td>1</td>" in response.text
    assert reverse("wagtailsearchpromotions:index") in response.text


def test_a_moderator_is_refused_the_report(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("search_report"))

    assert_staff_refused_by_admin(response)
    assert "Searches with no results" not in response.text
