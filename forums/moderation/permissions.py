"""Who may do what in moderation. Deny by default; views and templates ask here."""

from django.utils import timezone

from portal.accounts import permissions as account_permissions
from portal.caching import CachedValue

from .models import Standing

# Per account; moderation.actions clears an account's entry when its sanctions change.
SANCTIONS = CachedValue("moderation:sanctions", 300)


def can_moderate(user):
    return user.is_authenticated and user.is_active and user.is_moderator


def can_post(user):
    """Verified, active accounts that are not silenced post. Asked once per request object, then
    remembered (forums.permissions uses it too)."""
    if not hasattr(user, "_forums_can_post"):
        user._forums_can_post = account_permissions.can_post(user) and not is_silenced(user)
    return user._forums_can_post


def standing_of(user):
    """The account's Standing, or None (a new account in good standing). Cached on the user."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_moderation_standing"):
        user._moderation_standing = Standing.objects.filter(user=user).first()
    return user._moderation_standing


def sanctions_of(user):
    """{"silenced_until", "suspended_until"} for the account, read through the cache so that
    checking every request costs no database query. moderation.actions clears it on change."""
    if not user.is_authenticated:
        return {}
    return SANCTIONS.get(lambda: dict(Standing.objects.filter(user=user).values(
        "silenced_until", "suspended_until").first() or {}), part=user.pk)


def is_silenced(user):
    until = sanctions_of(user).get("silenced_until")
    return bool(until and until > timezone.now())


def is_suspended(user):
    until = sanctions_of(user).get("suspended_until")
    return bool(until and until > timezone.now())


def skips_review(user):
    """Moderators' own posts are never held; they are the reviewers."""
    return can_moderate(user)


def is_staff_poster(user):
    """Staff (liaisons, editors, administrators, moderators) are not new accounts to hold."""
    return user.is_authenticated and user.is_staff_member


def can_flag(user, post):
    return (can_post(user) and post.author_id != user.pk and post.is_public
            and post.thread.is_public)


def can_see_original(user, post):
    """Originals of redacted posts and held posts: moderators only."""
    return can_moderate(user)


def can_sanction(user, account):
    return can_moderate(user) and account.pk != user.pk and not account.is_superuser
