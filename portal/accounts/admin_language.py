"""A staff member's language in Wagtail's admin is the one on their account (issue 19).

Wagtail keeps its own choice (Account → Preferences → Language, `UserProfile.preferred_language`,
offering settings.WAGTAILADMIN_PERMITTED_LANGUAGES: the portal's languages). The two stay one
choice: saving the portal profile sets Wagtail's, and choosing in Wagtail's preferences sets the
account's, so the admin, the public pages' emails and notifications all follow the same language.
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile


def to_admin(user):
    """Give Wagtail's admin the account's language (empty: the site's)."""
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != user.preferred_language:
        profile.preferred_language = user.preferred_language
        profile.save(update_fields=["preferred_language"])


@receiver(post_save, sender=UserProfile, dispatch_uid="portal.accounts.admin_language")
def from_admin(sender, instance, **kwargs):
    """The language chosen in Wagtail's preferences becomes the account's (for emails too)."""
    from .models import User

    language = (instance.preferred_language or "").split("-")[0]
    if language and language not in dict(settings.LANGUAGES):
        return
    User.objects.filter(pk=instance.user_id).exclude(preferred_language=language).update(
        preferred_language=language)
