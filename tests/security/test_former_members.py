"""A closed account shows as "Former member": no number, no database id, on any surface."""

import re

import pytest
from django.core.exceptions import ValidationError

from forums import actions
from portal.accounts import actions as account_actions
from portal.accounts.models import FORMER_MEMBER, User
from portal.accounts.names import check_display_name
from tests.factories import UserFactory, forum_thread

pytestmark = pytest.mark.django_db


def close(user):
    return account_actions.delete_account(user, by=user)


def test_two_closed_accounts_both_show_as_former_member_without_an_id(client, board, resident):
    # given two residents who wrote in a thread and then closed their accounts
    first, second = UserFactory(display_name="First Writer"), UserFactory(display_name="Second One")
    thread = forum_thread(first, board, body="Words from the first")
    actions.reply(thread, by=second, body="Words from the second")
    actions.reply(thread, by=resident, body="A reply from someone still here")
    close(first)
    close(second)
    # then the database holds the same name for both, and addresses made of random hex alone
    for user in User.objects.filter(pk__in=[first.pk, second.pk]):
        assert user.display_name == FORMER_MEMBER
        assert re.fullmatch(r"deleted-[0-9a-f]{24}@invalid\.example", user.email)
    # and the thread page and its feeds show "Former member" with nothing after it
    forum_url = board.url.rsplit("/", 2)[0] + "/"
    for url in [thread.get_absolute_url(), board.url + "feed/rss/", board.url + "feed/atom/",
                forum_url + "feed/rss/",
                thread.get_absolute_url() + "feed/rss/"]:
        content = client.get(url).content.decode()
        assert "First Writer" not in content and "Second One" not in content, url
        assert not re.search(r"Former member\s*#?\d", content), url
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.count(FORMER_MEMBER) >= 2


def test_the_api_and_search_show_no_former_member_id(client, board):
    writer = UserFactory(display_name="Soon Gone")
    forum_thread(writer, board, title="A thread about the underpass lights", body="Lights out again")
    close(writer)
    for url in ["/api/v2/pages/?type=forums.BoardPage", "/search/?q=underpass"]:
        content = client.get(url).content.decode()
        assert "Soon Gone" not in content
        assert not re.search(r"Former member\s*#?\d", content), url


def test_nobody_can_choose_the_former_member_name(resident):
    with pytest.raises(ValidationError):
        check_display_name("Former member", exclude_pk=resident.pk)
    with pytest.raises(ValidationError):
        check_display_name("Former Member 7", exclude_pk=resident.pk)
