"""Routing: rules, overlaps, the no-match fallback to the default partner, re-routing, and
routing when the first post becomes visible (moderation) rather than when it is written."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Site

from forums.concerns import actions
from forums.concerns.models import ConcernSettings, State
from forums.moderation import actions as moderation
from forums.moderation.models import ReviewItem, WatchedWord, WordAction
from tests.factories import NeighbourhoodFactory, PartnerFactory, raised_concern, routing_rule

pytestmark = pytest.mark.django_db


def routed_names(concern):
    return sorted(concern.partners.values_list("name", flat=True))


def test_overlapping_rules_route_to_every_matching_partner(concern, partner, ngo):
    # given a rule for the topic in Millbrook (police) and one for the topic anywhere (NGO)
    # then a concern about it in Millbrook goes to both, once each, and is open
    assert routed_names(concern) == sorted([partner.name, ngo.name])
    assert concern.state == State.OPEN and not concern.is_unmatched
    assert concern.published_at is not None


def test_rule_for_another_neighbourhood_does_not_match(resident, concern_board, topic, rules, ngo):
    elsewhere = NeighbourhoodFactory(name="Northgate")
    concern = raised_concern(resident, concern_board, topic=topic, neighbourhood=elsewhere)
    assert routed_names(concern) == [ngo.name]


def test_inactive_rules_and_partners_are_ignored(resident, concern_board, topic, area):
    gone = PartnerFactory(name="Closed Trust", is_active=False)
    routing_rule([gone], topic=topic)
    rule = routing_rule([PartnerFactory(name="Paused")], topic=topic)
    rule.is_active = False
    rule.save()
    default = PartnerFactory(name="Default partner")
    settings = ConcernSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_partner = default
    settings.save()
    concern = raised_concern(resident, concern_board, topic=topic, neighbourhood=area)
    assert routed_names(concern) == ["Default partner"]
    assert concern.is_unmatched


def test_no_match_goes_to_the_default_partner_and_is_flagged(resident, concern_board, topic, area):
    # given no rule at all and a default partner in the concern settings
    default = PartnerFactory(name="Riverton Council (test)")
    settings = ConcernSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_partner = default
    settings.save()
    # when a concern is published
    concern = raised_concern(resident, concern_board, topic=topic, neighbourhood=area)
    # then it goes to the default partner, is flagged, and the timeline says so
    assert routed_names(concern) == [default.name]
    assert concern.is_unmatched
    assert "no routing rule matched" in concern.events.last().summary


def test_a_concern_is_submitted_until_its_first_post_is_visible(
        resident, concern_board, topic, area, rules, moderator, django_capture_on_commit_callbacks):
    # given a concern posted without anything to review: it is open at once
    with django_capture_on_commit_callbacks(execute=True):
        thread = actions.raise_concern(concern_board, by=resident, title="Dealing outside the school",
                                       body="Every afternoon.", topic=topic, neighbourhood=area)
    concern = thread.concern
    concern.refresh_from_db()
    assert concern.state == State.OPEN  # visible at once: routed through the forum's signal
    # and one whose first post moderation holds back (a watched word)
    WatchedWord.objects.create(phrase="contraband", action=WordAction.HOLD)
    with django_capture_on_commit_callbacks(execute=True):
        thread2 = actions.raise_concern(concern_board, by=resident, title="Dealing outside the park",
                                        body="Contraband every evening.", topic=topic, neighbourhood=area)
    assert actions.publish(thread2).state == State.SUBMITTED
    assert thread2.concern.partners.count() == 0
    # when moderation approves the first post
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(ReviewItem.objects.get(post=thread2.posts.get()), by=moderator)
    # then it is open and routed
    thread2.concern.refresh_from_db()
    assert thread2.concern.state == State.OPEN
    assert thread2.concern.partners.count() == 2


def test_publishing_twice_routes_once(concern, partner, ngo):
    actions.publish(concern.thread)
    assert concern.routes.count() == 2
    assert concern.events.filter(state=State.OPEN).count() == 1


def test_moderators_reroute_and_partners_who_answered_stay(concern, moderator, ngo_liaison,
                                                           partner, other_partner):
    actions.answer(concern, by=ngo_liaison, body="We are on it.", kind="information")
    actions.reroute(concern, [other_partner], by=moderator, reason="Council land, not police")
    concern.refresh_from_db()
    assert sorted(routed_names(concern)) == sorted([other_partner.name, ngo_liaison.partner.name])
    event = concern.events.last()
    assert event.actor_label == "Moderators" and "Council land" in event.reason


def test_only_moderators_reroute(concern, liaison, resident, other_partner):
    for user in (liaison, resident):
        with pytest.raises(PermissionDenied):
            actions.reroute(concern, [other_partner], by=user, reason="mine")
