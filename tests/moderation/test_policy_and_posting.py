"""What happens when a resident posts: new accounts held, personal data held with a message,
watched words block / hold / replace, crisis language, honeypot, rate limits, trust promotion."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forums import actions as forum_actions
from forums.models import Post, Thread, Visibility
from forums.moderation import actions, policy, ratelimit
from forums.moderation.models import (
    ModerationSettings,
    ReviewItem,
    ReviewReason,
    Standing,
    TrustLevel,
    WatchedWord,
)
from tests.factories import UserFactory, established_resident, forum_thread

pytestmark = pytest.mark.django_db


def new_thread(client, board, **data):
    token = client.get(board.url + "new/").context["form"]["token"].value()
    return client.post(board.url + "new/", {"token": token, **data}, follow=True)


def reply(client, thread, body, **extra):
    url = thread.get_absolute_url()
    token = client.get(url + "?page=1").context["form"]["token"].value()
    return client.post(url, {"token": token, "body": body, **extra}, follow=True)


def test_a_new_residents_first_thread_waits_for_a_moderator(client, resident, board, moderator):
    # given a resident who just joined
    client.force_login(resident)
    # when they start a thread
    response = new_thread(client, board, title="Litter on the canal path again",
                          body="Bags of rubbish by the lock.")
    # then they are told it waits for review, on their thread marked so, and nobody else sees it yet
    html = response.content.decode()
    assert "Your first posts are checked by a moderator" in html
    thread = Thread.objects.get()
    assert response.redirect_chain[-1][0] == thread.get_absolute_url()
    assert ">Litter on the canal path again</h1>" in html and "Awaiting review" in html
    assert thread.visibility == Visibility.PENDING
    assert ReviewItem.objects.get().reason == ReviewReason.NEW_ACCOUNT
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 404
    # when a moderator approves it, then it is public
    actions.approve(ReviewItem.objects.get(), by=moderator)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert Standing.objects.get(user=resident).approved_posts == 1


def test_after_enough_approved_posts_and_days_a_resident_is_promoted(resident, board, moderator):
    # given a new resident whose first three replies were approved
    thread = forum_thread(established_resident(), board)
    for n in range(3):
        post = forum_actions.reply(thread, by=resident, body=f"Reply number {n}")
        assert post.visibility == Visibility.PENDING
        actions.approve(post.review_items.get(), by=moderator)
    # when they post again two days after joining
    resident.date_joined = timezone.now() - timedelta(days=2, minutes=1)
    resident.save()
    resident.__dict__.pop("_moderation_standing", None)
    post = forum_actions.reply(thread, by=resident, body="Now I am a member")
    # then it is published at once and they are a member
    assert post.visibility == Visibility.VISIBLE
    assert Standing.objects.get(user=resident).trust_level == TrustLevel.MEMBER


def test_thresholds_come_from_the_site_setting(resident, board):
    # given a site that holds no first posts
    ModerationSettings.objects.update_or_create(site_id=board.get_site().pk,
                                                defaults={"held_first_posts": 0})
    thread = forum_thread(established_resident(), board)
    # when a brand-new resident replies, then it is published
    assert forum_actions.reply(thread, by=resident, body="Hello all").visibility == Visibility.VISIBLE


@pytest.mark.parametrize("body", ["Ring him on 07700 900123", "He drives AB12 CDE",
                                  "It's 12 Acacia Avenue", "write to jo@example.org"])
def test_personal_details_are_held_and_the_author_is_told_why(client, board, body):
    # given an established resident
    author = established_resident()
    thread = forum_thread(established_resident(), board)
    client.force_login(author)
    # when they post personal details
    response = reply(client, thread, body)
    # then they see why, and the post waits in the queue
    assert "Please don&#x27;t share personal details about anyone" in response.content.decode()
    post = Post.objects.get(author=author)
    assert post.visibility == Visibility.PENDING
    assert post.review_items.get().reason == ReviewReason.PERSONAL_DATA


def test_a_blocked_word_keeps_the_text_and_says_why(client, board):
    author = established_resident()
    thread = forum_thread(established_resident(), board)
    client.force_login(author)
    response = reply(client, thread, "Best viagra prices here")
    content = response.content.decode()
    assert "Your post was not sent: it contains “viagra”" in content
    assert "Best viagra prices here" in content  # the form keeps what they typed
    assert not Post.objects.filter(author=author).exists()


def test_replace_and_hold_words(board):
    author = established_resident()
    thread = forum_thread(established_resident(), board)
    WatchedWord.objects.create(phrase="rubbish collector", action="replace", replacement="[removed]")
    post = forum_actions.reply(thread, by=author, body="That rubbish collector again, shit.")
    assert post.body_source == "That [removed] again, s***."
    assert post.visibility == Visibility.VISIBLE
    held = forum_actions.reply(thread, by=author, body="I think he is a dealer")
    assert held.visibility == Visibility.PENDING
    assert held.review_items.get().reason == ReviewReason.WATCHED_WORD


def test_crisis_language_shows_help_and_is_urgent_at_the_top_of_the_queue(client, board, moderator):
    # given an older item in the queue and an established resident
    thread = forum_thread(established_resident(), board)
    held_by_newcomer = forum_actions.reply(thread, by=UserFactory(), body="first post")
    author = established_resident()
    client.force_login(author)
    # when they write about an overdose happening now
    response = reply(client, thread, "My friend is overdosing in the park right now")
    # then the crisis panel is shown to them at once, the post is public, and it is urgent
    content = response.content.decode()
    assert "Help is available now" in content and 'href="tel:999"' in content
    post = Post.objects.get(author=author)
    assert post.visibility == Visibility.VISIBLE
    queue = list(ReviewItem.objects.open().for_queue())
    assert queue[0].post == post and queue[0].urgent
    assert queue[1].post == held_by_newcomer
    # and, as the overdose is happening now, the panel stays for everyone who reads the thread
    client.logout()
    assert "Help is available now" in client.get(thread.get_absolute_url() + "?page=1").content.decode()


def test_the_crisis_panel_is_shown_once_to_the_author_of_other_crisis_language(client, board):
    author = established_resident()
    thread = forum_thread(established_resident(), board)
    client.force_login(author)
    assert "Help is available now" in reply(client, thread, "I want to end my life").content.decode()
    assert "Help is available now" not in client.get(thread.get_absolute_url() + "?page=1").content.decode()


def test_the_honeypot_stops_the_post(client, board):
    author = established_resident()
    thread = forum_thread(established_resident(), board)
    client.force_login(author)
    response = reply(client, thread, "Hello neighbours", website="http://spam.example")
    assert "Your post could not be sent" in response.content.decode()
    assert not Post.objects.filter(author=author).exists()


def test_posting_forms_hide_the_honeypot_and_link_the_rules(client, board):
    # given a community rules page chosen in the site settings
    from portal.models import SiteSettings, StandardPage

    home = board.get_parent().get_parent()
    rules = StandardPage(title="Community rules", slug="community-rules")
    home.add_child(instance=rules)
    site_settings = SiteSettings.for_site(board.get_site())
    site_settings.community_rules_page = rules
    site_settings.save()
    thread = forum_thread(established_resident(), board)
    client.force_login(established_resident())
    # when a resident opens the reply and new-thread forms
    for url in [thread.get_absolute_url() + "?page=1", board.url + "new/"]:
        html = client.get(url).content.decode()
        # then the honeypot is out of sight and the rules are linked
        assert 'name="website"' in html and 'aria-hidden="true"' in html and 'tabindex="-1"' in html
        assert 'read the <a href="/community-rules/">community rules</a>' in html


def test_a_new_account_waits_between_replies_and_sees_when_it_can_post(client, board):
    thread = forum_thread(established_resident(), board)
    newcomer = UserFactory()
    ModerationSettings.objects.update_or_create(site_id=board.get_site().pk,
                                                defaults={"held_first_posts": 0})
    client.force_login(newcomer)
    reply(client, thread, "first reply")
    response = reply(client, thread, "second reply straight away")
    content = response.content.decode()
    assert "You can post again in 30 seconds" in content or "You can post again in 29 seconds" in content
    assert "second reply straight away" in content
    assert Post.objects.filter(author=newcomer).count() == 1


def test_rate_limits_use_the_cache_and_expire(board):
    config = ModerationSettings(new_user_reply_interval=30, member_reply_interval=5,
                                posts_per_hour_per_ip=2)
    newcomer, member = UserFactory(), established_resident()
    start = 1_000_000.0
    ratelimit.record(newcomer, "10.0.0.1", ratelimit.REPLY, config=config, now=start)
    assert ratelimit.seconds_to_wait(newcomer, "10.0.0.1", ratelimit.REPLY, config=config,
                                     now=start + 10) == 20
    assert ratelimit.seconds_to_wait(newcomer, "10.0.0.1", ratelimit.REPLY, config=config,
                                     now=start + 31) == 0
    ratelimit.record(member, "10.0.0.2", ratelimit.REPLY, config=config, now=start)
    assert ratelimit.seconds_to_wait(member, "10.0.0.2", ratelimit.REPLY, config=config,
                                     now=start + 6) == 0
    # a second account on the same address hits the address's hourly limit
    ratelimit.record(member, "10.0.0.2", ratelimit.REPLY, config=config, now=start + 7)
    assert ratelimit.seconds_to_wait(UserFactory(), "10.0.0.2", ratelimit.REPLY, config=config,
                                     now=start + 8) > 0


def test_blocked_posts_raise_in_the_action_too(board):
    thread = forum_thread(established_resident(), board)
    with pytest.raises(ValidationError):
        forum_actions.reply(thread, by=established_resident(), body="crypto giveaway today")


def test_moderators_are_never_held(moderator, board):
    thread = forum_thread(moderator, board, body="Call 07700 900123 for the venue")
    assert thread.visibility == Visibility.VISIBLE


def test_decide_is_pure_for_a_plain_post(resident):
    decision = policy.decide(established_resident(), "A quiet week on our street")
    assert decision.action == policy.PUBLISH and not decision.needs_review


def test_an_edit_that_adds_personal_details_is_held(board):
    author = established_resident()
    thread = forum_thread(established_resident(), board)
    post = forum_actions.reply(thread, by=author, body="A harmless reply")
    forum_actions.edit_post(post, by=author, body="Actually, ring 07700 900123")
    post.refresh_from_db()
    assert post.visibility == Visibility.PENDING
    assert post.review_items.get().reason == ReviewReason.PERSONAL_DATA


def test_the_client_address_comes_from_the_trusted_proxy(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(request) == "203.0.113.9"
