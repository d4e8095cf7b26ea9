"""Who may do what in the forums. Deny by default; every view and template asks here."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from portal.accounts import permissions as account_permissions

from .models import Visibility
from .moderation import permissions as moderation_permissions


def edit_window():
    return timedelta(minutes=getattr(settings, "FORUMS_EDIT_WINDOW_MINUTES", 30))


def can_post(user):
    """Verified, active residents post. Asked once per request object, then remembered."""
    if not hasattr(user, "_forums_can_post"):
        user._forums_can_post = (account_permissions.can_post(user)
                                 and not moderation_permissions.is_silenced(user))
    return user._forums_can_post


def can_moderate(user):
    return user.is_authenticated and user.is_active and user.is_moderator


def can_view_thread(user, thread):
    if thread.visibility == Visibility.VISIBLE and thread.board.live:
        return True
    return can_moderate(user) or (thread.board.live and is_own_held_thread(user, thread))


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
    return board.allow_anonymous and user.is_authenticated


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
