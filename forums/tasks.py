"""Background work: email about new replies in followed threads, batched per resident."""

import hashlib
from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from portal.emails import absolute_url, queue_email

from . import permissions, queries
from .models import Notification, Visibility


@task()
def send_reply_emails(user_ids):
    """One email per resident listing every followed thread with replies they have not been told
    about. Idempotent: a notification is emailed once, and only again after it has been read."""
    for user_id in user_ids:
        _email_one(user_id)


# The sweep leaves a notification this long to the task enqueued on commit, and gives up on it
# after a week (the resident has seen the page by then, or the thread is closed to them).
SWEEP_AFTER = timedelta(minutes=5)
SWEEP_WITHIN = timedelta(days=7)


@task()
def sweep_reply_emails():
    """Periodic: email notifications the on-commit task never did (its enqueue failed, e.g. the
    database went away right after the reply's commit). Safe to run twice: each notification is
    claimed under its row lock and the outbox key is once-only."""
    user_ids = unemailed_user_ids()
    for user_id in user_ids:
        _email_one(user_id)
    return len(user_ids)


def unemailed_user_ids(now=None):
    now = now or timezone.now()
    return list(Notification.objects.filter(
        read_at__isnull=True, emailed_at__isnull=True, user__is_active=True,
        updated_at__lt=now - SWEEP_AFTER, updated_at__gte=now - SWEEP_WITHIN,
    ).values_list("user_id", flat=True).distinct().order_by("user_id"))


def _email_one(user_id):
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
        # Nothing about a thread the resident may no longer read: hidden since, or on a board
        # closed to them (a view restriction added after they followed it).
        closed = permissions.unreadable_board_ids(user)
        pending = [n for n in pending if n.thread.visibility == Visibility.VISIBLE
                   and n.thread.board_id not in closed]
        if not pending:
            return
        items = [
            {
                "title": n.thread.title,
                "count": n.count,
                "url": absolute_url(n.thread.get_absolute_url()),
                "unsubscribe_url": absolute_url(reverse(
                    "forums:unsubscribe", args=[queries.unsubscribe_token(user, n.thread)])),
            }
            for n in pending
        ]
        batch = hashlib.blake2b("|".join(f"{n.pk}:{n.updated_at.isoformat()}" for n in pending)
                                .encode(), digest_size=12).hexdigest()
        queue_email(
            to=user.email, template="forums/email/replies", key=f"replies:{user.pk}:{batch}",
            context={"user": user, "items": items,
                     "notifications_url": absolute_url(reverse("forums:notifications"))},
            headers={"List-Unsubscribe": f"<{items[0]['unsubscribe_url']}>",
                     "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
