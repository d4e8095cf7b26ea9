"""The demo: routing rules for the demo partners and concerns in different states, once."""

import pytest
from django.core.management import call_command

from forums.concerns.models import Concern, OfficialAnswer, RoutingRule, State

pytestmark = pytest.mark.django_db


def test_demo_concerns_are_seeded_once_and_shown(client, settings, demo_city):
    settings.DEBUG = True
    first = (RoutingRule.objects.count(), Concern.objects.count(), OfficialAnswer.objects.count())
    call_command("seed_demo")
    settings.DEBUG = False
    assert (RoutingRule.objects.count(), Concern.objects.count(),
            OfficialAnswer.objects.count()) == first
    states = set(Concern.objects.values_list("state", flat=True))
    assert {State.RESOLVED, State.ACKNOWLEDGED, State.ANSWERED, State.OPEN} <= states
    needles = Concern.objects.get(thread__title__startswith="Needles in the play area")
    page = client.get(needles.thread.get_absolute_url()).content.decode()
    assert "Harbour Lights Recovery Trust (demo)" in page
    assert "Official response: Action taken" in page
