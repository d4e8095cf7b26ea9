"""The signed-in account is loaded with its roles and verified flag in one query
(portal/accounts/backends.py), and a change to either shows on the very next page."""

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.accounts import actions
from portal.accounts.roles import Role
from tests.factories import forum_board, forum_thread

pytestmark = pytest.mark.django_db


def test_roles_and_the_verified_flag_come_with_the_account(client, resident):
    board = forum_board()
    client.force_login(resident)
    client.get(board.url)

    with CaptureQueriesContext(connection) as captured:
        html = client.get(board.url).text

    reads = [q["sql"] for q in captured.captured_queries]
    assert "Start a thread" in html
    assert [sql for sql in reads if '"account_emailaddress"' in sql] == [
        sql for sql in reads if sql.startswith('SELECT "accounts_user"')]
    assert not [sql for sql in reads if sql.startswith('SELECT "auth_group"')]


def test_a_newly_verified_address_lets_the_resident_post_on_the_next_page(client, unverified_resident):
    board = forum_board()
    client.force_login(unverified_resident)
    assert "Confirm your email address to post." in client.get(board.url).text

    EmailAddress.objects.filter(user=unverified_resident).update(verified=True)

    assert "Start a thread" in client.get(board.url).text


def test_a_revoked_role_is_gone_on_the_next_page(client, moderator, resident):
    board = forum_board()
    thread = forum_thread(resident, board)
    client.force_login(moderator)
    assert ">Moderate<" in client.get(thread.get_absolute_url()).text

    actions.revoke_role(moderator, Role.MODERATOR)

    assert ">Moderate<" not in client.get(thread.get_absolute_url()).text


def test_a_deactivated_account_is_signed_out(client, resident):
    board = forum_board()
    client.force_login(resident)
    assert "Start a thread" in client.get(board.url).text

    resident.is_active = False
    resident.save(update_fields=["is_active"])

    html = client.get(board.url).text
    assert "Start a thread" not in html and "Sign in" in html
