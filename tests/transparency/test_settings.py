"""The suppression threshold is a site setting only administrators change."""

import pytest
from django.utils import timezone
from wagtail.models import Site

from transparency.models import TransparencySettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role, allowed", [("administrator", True), ("editor", False), ("moderator", False),
                                           ("liaison", False), ("resident", False)])
def test_who_may_change_the_suppression_threshold(request, role, allowed):
    user = request.getfixturevalue(role)
    assert user.has_perm("transparency.change_transparencysettings") is allowed


def test_the_threshold_defaults_to_5_and_the_page_follows_it(client, transparency_page, make_concern,
                                                              partner):
    for _ in range(3):
        make_concern(timezone.now(), {partner: 1})
    settings = TransparencySettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.suppression_threshold == 5
    page = client.get(transparency_page.url).content.decode()
    assert "<dt>Concerns received</dt><dd>suppressed</dd>" in page
    settings.suppression_threshold = 3
    settings.save()
    assert "<dt>Concerns received</dt><dd>3</dd>" in client.get(transparency_page.url).content.decode()
