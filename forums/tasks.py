"""Background work: email about new replies in followed threads, batched per resident."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal import absolute

from .models import Notification


@task()
def send_reply_emails(user_ids):
    """One email per resident listing every followed thread with replies they have not been told
    about. Idempotent: a notification is emailed once, and only again after it has been read."""
    for user_id in user_ids:
        _email_one(user_id)


def _email_one(user_id):
    from . import actions

    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(user_id=user_id, read_at__isnull=True, emailed_at__isnull=True,
                    user__is_active=True)
            .select_related("user", "thread__board")
            .order_by("created_at")
        )
        if not pending:
            return
        user = pending[0].user
        base = absolute.base_url()
        items = [
            {
                "title": n.thread.title,
                "count": n.count,
                "url": base + n.thread.get_absolute_url(),
                "unsubscribe_url": base + reverse(
                    "forums:unsubscribe", args=[actions.unsubscribe_token(user, n.thread)]
                ),
            }
            for n in pending
        ]
        context = {"user": user, "items": items, "notifications_url": base + reverse("forums:notifications")}
        subject = ("New replies in " + items[0]["title"]) if len(items) == 1 else \
            f"New replies in {len(items)} threads you follow"
        message = EmailMultiAlternatives(
            subject=f"[Common Ground] {subject}",
            body=render_to_string("forums/email/replies.txt", context),
            to=[user.email],
            headers={
                "List-Unsubscribe": f"<{items[0]['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.send()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
