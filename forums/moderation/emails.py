"""The email telling an author why their post was rejected, with their own text."""

from wagtail.models import Site

from portal.emails import absolute_url, queue_email
from portal.models import SiteSettings


def queue_rejection_email(item):
    """Queue (in the caller's transaction) the email to the author of the rejected post."""
    author = item.post.author
    if not author.is_active or author.is_anonymised:
        return
    queue_email(
        to=author.email, template="moderation/email/rejected", key=f"moderation:rejected:{item.pk}",
        context={"item": item, "post": item.post, "author": author,
                 "thread_title": item.post.thread.title,
                 "rules_url": _community_rules_url()},
        about=f"post:{item.post.pk}",
    )


def _community_rules_url():
    """The community rules page the site settings name, if there is one."""
    site = Site.objects.filter(is_default_site=True).first()
    rules = SiteSettings.for_site(site).community_rules_page if site else None
    return absolute_url(rules.url) if rules is not None and rules.live else ""


def queue_message_email(notice):
    """Queue (in the caller's transaction) a moderator's private message to a resident, in the
    resident's language. It points to the notice on the site, where the message is kept."""
    from django.urls import reverse

    from portal import languages

    user = notice.user
    if not user.is_active or user.is_anonymised:
        return
    queue_email(
        to=user.email, template="moderation/email/message", key=f"moderation:message:{notice.pk}",
        context={"notice": notice, "user": user, "rules_url": _community_rules_url(),
                 "notices_url": absolute_url(reverse("forums:notifications"))},
        about=f"notice:{notice.pk}", language=languages.for_user(user),
    )
