"""Signals other apps (search, transparency) listen to; forums never imports them.

`content_changed` is sent after the transaction commits, with sender=Thread or Post,
instance=<the object> and change=one of CHANGES:

- "shown":    it became visible to the public (new, approved or restored),
- "updated":  it is visible and its text or title changed,
- "withdrawn": it stopped being visible (hidden, removed, its board unpublished).
"""

from django.db import transaction
from django.dispatch import Signal

CHANGES = ("shown", "updated", "withdrawn")
content_changed = Signal()


def announce(instance, change):
    """Send `content_changed` for `instance` once the current transaction commits."""
    if change not in CHANGES:
        raise ValueError(f"Unknown change {change!r}")
    transaction.on_commit(
        lambda: content_changed.send(sender=type(instance), instance=instance, change=change),
        robust=True,  # the change is committed: a failing side effect is logged, not a 500
    )
