"""Read-only questions about the forum that views, tasks and actions ask (no state changes here:
those are actions.py)."""

from typing import NamedTuple

from django.core import signing
from django.db.models import Exists, OuterRef, Subquery

from .models import Notification, ReadMarker, Thread

UNSUBSCRIBE_SALT = "forums.unsubscribe"


def unsubscribe_token(user, thread):
    return signing.dumps({"u": user.pk, "t": thread.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


class ReadState(NamedTuple):
    read_to: int | None  # the reader's marker; None until they first open the thread
    unread_notifications: bool


def read_state(user, thread):
    """Where `user` stands in `thread`, in one query: how far they have read and whether they have
    unread notifications for it."""
    row = Thread.objects.filter(pk=thread.pk).annotate(
        read_to=Subquery(ReadMarker.objects.filter(user=user, thread=OuterRef("pk"))
                         .values("last_read_post_id")[:1]),
        unread=Exists(Notification.objects.filter(user=user, thread=OuterRef("pk"),
                                                  read_at__isnull=True)),
    ).values_list("read_to", "unread").first()
    return ReadState(*row) if row else ReadState(None, False)
