"""Every change to the forums goes through here: check permission, change the database in one
transaction, write the audit log, and schedule side effects (email, signals) after commit.
Starting a thread and replying live in posting.py, below this module, because concerns build on
them; they are imported here so the forum's actions are in one place."""


from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from portal import markup
from portal.accounts.audit import log

from . import permissions, queries
from .models import Follow, Notification, PostRevision, ReadMarker, Thread, Visibility
from .moderation import actions as moderation_actions
from .moderation import policy as moderation_policy
from .posting import reply as reply  # the posting actions: see posting.py
from .posting import start_thread as start_thread
from .signals import announce
from .threads import clean_body, clean_title, is_first_post, post_language, refresh_thread, thread_slug


def edit_post(post, *, by, body, title=None):
    """Change a post's text, keeping the earlier version. The first post may change the title."""
    if not permissions.can_edit_post(by, post):
        raise PermissionDenied("The time to edit this post has passed; ask a moderator.")
    body = clean_body(body)
    decision = moderation_policy.decide(by, body, title=title, is_edit=True)
    body, title = decision.body, decision.title
    thread = post.thread
    with transaction.atomic():
        PostRevision.objects.create(post=post, body_source=post.body_source,
                                    body_html=post.body_html, edited_by=by,
                                    was_public=post.is_public and thread.is_public)
        post.body_source, post.body_html = body, markup.render(body)
        post.language = post_language(body, default=post.language)
        post.edited_at = timezone.now()
        was_public = post.is_public
        if decision.is_held:
            post.visibility = decision.visibility
        post.save(update_fields=["body_source", "body_html", "language", "edited_at", "visibility"])
        if thread.language != post.language and is_first_post(post):
            thread.language = post.language
            thread.save(update_fields=["language"])
        moderation_actions.record_decision(post, decision)
        if was_public and not post.is_public:
            refresh_thread(thread)
            announce(post, "withdrawn")
        if title is not None and is_first_post(post) and clean_title(title) != thread.title:
            _retitle(thread, clean_title(title), held=decision.is_held)
        log(instance=post, action="forums.post.edited", user=by, data={"thread": thread.pk})
        if post.is_public:
            announce(post, "updated")
    post.moderation_decision = decision
    return post


def _retitle(thread, title, *, held):
    """A new title for `thread`. A held title waits unpublished with its post; a published one
    gives the thread its address, and the old address stops working."""
    thread.title = title
    was_public = thread.is_public
    if held:
        thread.visibility = Visibility.PENDING
    else:
        thread.slug = thread_slug(title)
    thread.save(update_fields=["title", "slug", "visibility"])
    if was_public:
        announce(thread, "withdrawn" if held else "updated")


# Following, reading, notifications -------------------------------------------------------------

def follow(thread, *, by):
    if not permissions.can_follow(by, thread):
        raise PermissionDenied("Sign in to follow threads.")
    Follow.objects.get_or_create(user=by, thread=thread)


def unfollow(thread, *, by):
    Follow.objects.filter(user=by, thread=thread).delete()


def unsubscribe(token):
    """Stop email about one thread for the holder of a signed link. Returns the thread, or None
    if the link is not valid."""
    try:
        data = signing.loads(token, salt=queries.UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    thread = Thread.objects.select_related("board").filter(pk=data.get("t")).first()
    if thread is None:
        return None
    with transaction.atomic():
        Follow.objects.filter(user_id=data.get("u"), thread=thread).delete()
        Notification.objects.filter(user_id=data.get("u"), thread=thread,
                                    read_at__isnull=True).update(read_at=timezone.now())
    return thread


def mark_read(thread, up_to_post_id, *, by, state=None):
    """Remember that `user` has read `thread` up to the post `up_to_post_id`; once that reaches the
    thread's last post, their notifications for it are read. Writes nothing when nothing changes.
    `state` is the reader's `read_state()` if the caller has it already; it may be a little stale:
    the marker still only moves forward."""
    if not by.is_authenticated or not up_to_post_id:
        return
    if state is None:
        state = queries.read_state(by, thread)
    if state.read_to is None:
        ReadMarker.objects.bulk_create(
            [ReadMarker(user=by, thread=thread, last_read_post_id=up_to_post_id)],
            ignore_conflicts=True,
        )
    elif state.read_to < up_to_post_id:
        ReadMarker.objects.filter(user=by, thread=thread).update(
            last_read_post_id=Greatest(F("last_read_post_id"), up_to_post_id)
        )
    if state.unread_notifications and thread.last_post_id and up_to_post_id >= thread.last_post_id:
        Notification.objects.filter(user=by, thread=thread, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def mark_all_read(*, by):
    """Mark every unread notification of `by` read, moderators' notices included (the button on
    the notifications page)."""
    with transaction.atomic():
        Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
        moderation_actions.mark_notices_read(by=by)
