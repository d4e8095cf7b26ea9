"""Who may do what in moderation. Deny by default; views and templates ask here."""

from .models import Standing


def can_moderate(user):
    from forums.permissions import can_moderate as forums_can_moderate

    return forums_can_moderate(user)


def standing_of(user):
    """The account's Standing, or None (a new account in good standing). Cached on the user."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_moderation_standing"):
        user._moderation_standing = Standing.objects.filter(user=user).first()
    return user._moderation_standing


def is_silenced(user):
    standing = standing_of(user)
    return bool(standing and standing.is_silenced())


def is_suspended(user):
    standing = standing_of(user)
    return bool(standing and standing.is_suspended())


def skips_review(user):
    """Moderators' own posts are never held; they are the reviewers."""
    return can_moderate(user)


def is_staff_poster(user):
    """Staff (liaisons, editors, administrators, moderators) are not new accounts to hold."""
    return user.is_authenticated and user.is_staff_member


def can_flag(user, post):
    from forums.permissions import can_post

    return (can_post(user) and post.author_id != user.pk and post.is_public
            and post.thread.is_public)


def can_see_original(user, post):
    """Originals of redacted posts and held posts: moderators only."""
    return can_moderate(user)


def can_sanction(user, account):
    return can_moderate(user) and account.pk != user.pk and not account.is_superuser
