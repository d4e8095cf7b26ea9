"""Staff badges beside posts are shown in the reader's language (issue 19): a post stores the
badge's kind and name, its `staff_badge` keeps the English, and an older post without a kind
shows its stored badge. "A resident of <area>" follows the page too, with the area's Spanish name."""

import importlib

import pytest

from forums import actions
from forums.models import Post
from tests.factories import NeighbourhoodFactory, UserFactory, forum_thread

pytestmark = pytest.mark.django_db


def badges(html):
    return [part.split("<", 1)[0] for part in html.split('class="badge badge--staff">')[1:]]


def test_staff_badges_follow_the_page_language(client, liaison, moderator, board):
    thread = forum_thread(liaison, board)
    actions.reply(thread, by=moderator, body="Please keep it civil")
    first = Post.objects.filter(thread=thread).order_by("id").first()
    assert (first.badge_kind, first.badge_name) == ("liaison", "Riverton Police (test)")
    assert first.staff_badge == "Liaison, Riverton Police (test)"

    url = thread.get_absolute_url()
    assert badges(client.get("/es" + url).content.decode()) == ["Enlace, Riverton Police (test)",
                                                                 "Moderación"]
    assert badges(client.get(url).content.decode()) == ["Liaison, Riverton Police (test)", "Moderator"]


def test_a_post_without_a_badge_kind_shows_its_stored_badge(client, resident, board):
    thread = forum_thread(resident, board)
    Post.objects.filter(thread=thread).update(staff_badge="Outreach team")
    assert badges(client.get("/es" + thread.get_absolute_url()).content.decode()) == ["Outreach team"]


@pytest.mark.parametrize(("badge", "parsed"), [
    ("Moderator", ("moderator", "")),
    ("Liaison, Harbour Lights", ("liaison", "Harbour Lights")),
    ("Signed by Sam Lee", ("signed", "Sam Lee")),
    ("Outreach team", None),
])
def test_the_migration_reads_old_badges(badge, parsed):
    migration = importlib.import_module("forums.migrations.0004_staff_badge_kinds")
    assert migration.parse(badge) == parsed


def test_an_anonymous_author_is_a_resident_of_the_area_in_the_page_language(client, anonymous_board):
    area = NeighbourhoodFactory(name="Old Harbour", name_es="Puerto Viejo")
    author = UserFactory(display_name="Secret Sam", neighbourhood=area)
    thread = forum_thread(author, anonymous_board, anonymous=True, title="Dealing outside number 4")
    url = thread.get_absolute_url()
    spanish = client.get("/es" + url).content.decode()
    assert '">Un vecino de Puerto Viejo</h2>' in spanish and "Secret Sam" not in spanish
    assert '">A resident of Old Harbour</h2>' in client.get(url).content.decode()


def test_old_badges_converted_by_the_migration_show_in_spanish(client, liaison, board):
    from django.apps import apps

    migration = importlib.import_module("forums.migrations.0004_staff_badge_kinds")
    thread = forum_thread(liaison, board)
    Post.objects.filter(thread=thread).update(badge_kind="", badge_name="")  # before the migration
    migration.add_kinds(apps, None)
    html = client.get("/es" + thread.get_absolute_url()).content.decode()
    assert badges(html) == ["Enlace, Riverton Police (test)"]
