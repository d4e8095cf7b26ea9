"""Role × action table for the stories app's own permission rules."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stories.permissions import can_review_services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role_fixture", "allowed"),
    [
        (None, False),
        ("resident", False),
        ("moderator", False),
        ("liaison", False),
        ("editor", True),
        ("administrator", True),
    ],
)
def test_who_reviews_support_services(request, role_fixture, allowed):
    user = request.getfixturevalue(role_fixture) if role_fixture else AnonymousUser()

    assert can_review_services(user) is allowed


@pytest.mark.parametrize(
    ("role_fixture", "can_edit", "can_publish"),
    [
        ("resident", False, False),
        ("moderator", False, False),
        ("liaison", False, False),
        ("editor", True, False),
        ("administrator", True, True),
    ],
)
def test_who_edits_and_publishes_story_pages(request, role_fixture, can_edit, can_publish):
    from tests.factories import report_page

    report = report_page(title="A report")
    permissions = report.permissions_for_user(request.getfixturevalue(role_fixture))

    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish
