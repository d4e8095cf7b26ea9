"""Starting a thread and replying: the posting actions the forum and concerns share (a concern is
a thread on a concern board with a Concern beside it, concerns/actions.py). Moderation's policy
decides on each post before it is written and the review queue records what it held. These are
forums' actions (forums/actions.py imports them); they live here, below forums.actions, so that
concerns build on them without importing forums.actions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.accounts.audit import log

from . import permissions
from .models import Follow, Thread
from .moderation import actions as moderation_actions
from .moderation import policy as moderation_policy
from .signals import announce
from .threads import (
    author_area,
    check_anonymous_allowed,
    clean_body,
    clean_title,
    create_post,
    notify_followers,
    once,
    post_language,
    refresh_thread,
)


def start_thread(board, *, by, title, body, topic=None, neighbourhood=None, anonymous=False,
                 token=""):
    """Start a thread in `board` with its first post. Returns the thread; a second submission
    of the same form (same `token`) returns the thread the first one made."""
    if not permissions.can_start_thread(by, board):
        raise PermissionDenied("You cannot start a thread on this board.")
    check_anonymous_allowed(by, board, anonymous)
    title, body = clean_title(title), clean_body(body)
    allowed_topics = list(board.topics.all())
    if topic is not None and allowed_topics and topic not in allowed_topics:
        raise ValidationError("Choose one of this board's topics.")
    decision = moderation_policy.decide(by, body, title=title)  # may block with a reason
    title, body = decision.title, decision.body

    def make():
        area = author_area(by) if anonymous else ""
        language = post_language(f"{title}\n{body}")  # the thread's is its first post's
        thread = Thread.objects.create(
            board=board, title=title, kind=board.thread_kind, author=by, is_anonymous=anonymous,
            author_area=area, topic=topic, neighbourhood=neighbourhood,
            last_activity_at=timezone.now(), visibility=decision.visibility, language=language,
        )
        post = create_post(by, thread, body, anonymous, area, decision.visibility, language=language)
        _written(post, decision, by=by)
        log(instance=thread, action="forums.thread.started", user=by,
            data={"board": board.pk, "anonymous": anonymous}, title=thread.log_title)
        if post.is_public:
            announce(thread, "shown")
            announce(post, "shown")
        return post

    with transaction.atomic():
        post = once(by, token, make)
    post.thread.moderation_decision = decision
    return post.thread


def reply(thread, *, by, body, anonymous=False, token=""):
    """Reply to `thread`. Returns the post (the earlier one for a repeated submission)."""
    if not permissions.can_reply(by, thread):
        raise PermissionDenied("You cannot reply to this thread.")
    check_anonymous_allowed(by, thread.board, anonymous)
    body = clean_body(body)
    decision = moderation_policy.decide(by, body)  # may block with a reason
    body = decision.body

    def make():
        post = create_post(by, thread, body, anonymous, author_area(by) if anonymous else "",
                            decision.visibility)
        _written(post, decision, by=by)
        log(instance=post, action="forums.post.created", user=by,
            data={"thread": thread.pk, "anonymous": anonymous})
        if post.is_public:
            notify_followers(post)
            announce(post, "shown")
        return post

    with transaction.atomic():
        post = once(by, token, make)
    post.moderation_decision = decision
    return post


def _written(post, decision, *, by):
    """What every new post needs in its transaction: a review queue entry if the policy held it or
    found it urgent, its thread's latest post and counts, and its author following the thread."""
    moderation_actions.record_decision(post, decision)
    refresh_thread(post.thread)
    Follow.objects.get_or_create(user=by, thread=post.thread)
