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
    """The account's active sanctions, {"silenced": {"until", "reason"}, "suspended": {...}}
    (`until` None: no end date), read through the cache so that checking every request costs no
    database query. moderation.actions clears it on change."""
    if not user.is_authenticated:
        return {}

    def build():
        from .models import Sanction

        found = {}
        for kind, until, reason in (Sanction.objects.active().filter(user=user)
                                    .order_by("created_at", "id")
                                    .values_list("kind", "until", "reason")):
            found[kind] = {"until": until, "reason": reason}  # the latest of a kind wins
        return found

    return SANCTIONS.get(build, part=user.pk)


def active_sanction(user, kind):
    """{"kind", "until", "reason"} of the account's active silence or suspension, or None."""
    found = sanctions_of(user).get(kind)
    if found is None or (found["until"] is not None and found["until"] <= timezone.now()):
        return None
    return {"kind": kind, **found}


def posting_sanction(user):
    """What stops the account posting, for the notice on posting pages: its suspension or its
    silence, or None."""
    return active_sanction(user, "suspended") or active_sanction(user, "silenced")


def is_silenced(user):
    return active_sanction(user, "silenced") is not None


def is_suspended(user):
    return active_sanction(user, "suspended") is not None


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


def can_view_sanctions(user):
    """The sanctions list (names, reasons, who sanctioned whom): moderators only."""
    return can_moderate(user)


def can_message(user, account):
    """A private message from the moderators to a resident (from the review queue)."""
    return (can_moderate(user) and account.pk != user.pk and account.is_active
            and not account.is_anonymised)
