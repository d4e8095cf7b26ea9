"""Who may do what in the forums. Deny by default; every view and template asks here."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Visibility

# Who may post at all and who moderates are moderation's questions (a silenced account may not
# post); they are the forum's permissions too.
from .moderation.permissions import can_moderate as can_moderate
from .moderation.permissions import can_post as can_post


def edit_window():
    return timedelta(minutes=getattr(settings, "FORUMS_EDIT_WINDOW_MINUTES", 30))


def can_view_thread(user, thread):
    if thread.visibility == Visibility.VISIBLE and thread.board.live:
        return True
    return can_moderate(user) or (thread.board.live and is_own_held_thread(user, thread))


def can_read_board(user, board, session=None):
    """Whether Wagtail's view restrictions on `board` and its ancestors (login, groups, password)
    let `user` in, as Wagtail decides when it serves the board's pages (only superusers pass a
    group restriction they are not in). Routes Wagtail does not serve through the board (a post's
    permalink, its flag page, notifications, emails) ask here; `session` holds the passwords
    entered, if there is one."""
    if not hasattr(board, "_loaded_view_restrictions"):
        board._loaded_view_restrictions = list(
            board.get_view_restrictions().prefetch_related("groups"))
    return all(_admits(user, restriction, session)
               for restriction in board._loaded_view_restrictions)


def _admits(user, restriction, session):
    if restriction.restriction_type == restriction.PASSWORD:
        passed = session.get(restriction.passed_view_restrictions_session_key, []) if session else []
        return restriction.pk in passed
    if not (user.is_authenticated and user.is_active):
        return False
    if restriction.restriction_type == restriction.GROUPS:
        return user.is_superuser or bool(
            {group.name for group in restriction.groups.all()} & user.role_names)
    return True  # a login restriction


def unreadable_board_ids(user, session=None):
    """Ids of the boards `user` may not read: not live, or a view restriction keeps them out."""
    from .models import BoardPage, public_pages

    hidden = BoardPage.objects.exclude(pk__in=public_pages())
    return {board.pk for board in hidden if not (board.live and can_read_board(user, board, session))}


def is_own_held_thread(user, thread):
    """Its author sees a thread waiting for review (to reply to it, it must be published)."""
    return (thread.visibility == Visibility.PENDING and user.is_authenticated
            and thread.author_id == user.pk)


def can_view_post(user, post):
    return post.visibility == Visibility.VISIBLE or can_moderate(user) or is_own_held_post(user, post)


def is_own_held_post(user, post):
    """Its author sees a post waiting for review, marked so; nobody else but moderators."""
    return (post.visibility == Visibility.PENDING and user.is_authenticated
            and post.author_id == user.pk)


def viewable_posts(user, posts):
    """`posts` narrowed to those `user` may see (the query form of can_view_post)."""
    if can_moderate(user):
        return posts
    shown = Q(visibility=Visibility.VISIBLE)
    if user.is_authenticated:
        shown |= Q(visibility=Visibility.PENDING, author_id=user.pk)
    return posts.filter(shown)


def can_start_thread(user, board):
    return board.live and board.is_open and can_post(user)


def can_reply(user, thread):
    if not (can_post(user) and can_view_thread(user, thread)):
        return False
    if thread.visibility != Visibility.VISIBLE or thread.is_locked or not thread.board.is_open:
        return can_moderate(user)
    return True


def can_post_anonymously(user, board):
    """Residents may post as "A resident of …" where the board allows it. Staff (liaisons,
    moderators, editors, administrators) never do: they speak as staff, or the public would read
    a partner's liaison as an independent resident."""
    return board.allow_anonymous and user.is_authenticated and not user.is_staff_member


def can_edit_post(user, post, now=None):
    """Authors edit their own visible post within the edit window; after it, a moderator."""
    if not (user.is_authenticated and user.is_active):
        return False
    if can_moderate(user):
        return True
    if post.author_id != user.pk or post.visibility != Visibility.VISIBLE:
        return False
    if post.thread.is_locked or not can_post(user):
        return False
    return (now or timezone.now()) - post.created_at <= edit_window()


def can_follow(user, thread):
    return user.is_authenticated and user.is_active and can_view_thread(user, thread)
