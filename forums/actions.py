"""Every change to the forums goes through here: check permission, change the database in one
transaction, write the audit log, and schedule side effects (email, signals) after commit."""

from typing import NamedTuple

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify

from portal import languages, markup
from portal.accounts.audit import log

from . import permissions
from .models import (
    Follow,
    Notification,
    Post,
    PostRevision,
    ReadMarker,
    Submission,
    Thread,
    Visibility,
)
from .moderation import actions as moderation_actions
from .moderation import policy as moderation_policy
from .signals import announce

TITLE_MIN, TITLE_MAX = 10, 150
BODY_MIN, BODY_MAX = 1, 20_000
UNSUBSCRIBE_SALT = "forums.unsubscribe"


# Validation shared by the forms and the actions ------------------------------------------

def clean_title(title):
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN:
        raise ValidationError(f"The title needs at least {TITLE_MIN} characters (it has {len(title)}).")
    if len(title) > TITLE_MAX:
        raise ValidationError(f"The title can have at most {TITLE_MAX} characters (it has {len(title)}).")
    return title


def clean_body(body):
    body = (body or "").strip()
    if len(body) < BODY_MIN:
        raise ValidationError("Write something before you post.")
    if len(body) > BODY_MAX:
        raise ValidationError(
            f"A post can have at most {BODY_MAX:,} characters (it has {len(body):,})."
        )
    return body


# Posting ------------------------------------------------------------------------------------

STAFF_NOT_ANONYMOUS = ("Staff post under their own name: liaisons, moderators, editors and "
                       "administrators cannot post anonymously.")


def check_anonymous_allowed(user, board, anonymous):
    if not anonymous or permissions.can_post_anonymously(user, board):
        return
    if user.is_authenticated and user.is_staff_member:
        raise PermissionDenied(STAFF_NOT_ANONYMOUS)
    raise PermissionDenied("This board does not allow anonymous posts.")

def start_thread(user, board, *, title, body, topic=None, neighbourhood=None, anonymous=False,
                 token=""):
    """Start a thread in `board` with its first post. Returns the thread; a second submission
    of the same form (same `token`) returns the thread the first one made."""
    if not permissions.can_start_thread(user, board):
        raise PermissionDenied("You cannot start a thread on this board.")
    check_anonymous_allowed(user, board, anonymous)
    title, body = clean_title(title), clean_body(body)
    allowed_topics = list(board.topics.all())
    if topic is not None and allowed_topics and topic not in allowed_topics:
        raise ValidationError("Choose one of this board's topics.")
    decision = moderation_policy.decide(user, body, title=title)  # may block with a reason
    title, body = decision.title, decision.body

    def make():
        area = _area(user) if anonymous else ""
        language = post_language(f"{title}\n{body}")
        thread = Thread.objects.create(
            board=board, title=title, kind=board.thread_kind, author=user, is_anonymous=anonymous,
            author_area=area, topic=topic, neighbourhood=neighbourhood,
            last_activity_at=timezone.now(), visibility=decision.visibility, language=language,
        )
        post = _create_post(user, thread, body, anonymous, area, decision.visibility, language=language)
        moderation_actions.record_decision(post, decision)
        refresh_thread(thread)
        Follow.objects.get_or_create(user=user, thread=thread)
        log(instance=thread, action="forums.thread.started", user=user,
            data={"board": board.pk, "anonymous": anonymous})
        if post.is_public:
            announce(thread, "shown")
            announce(post, "shown")
        return post

    with transaction.atomic():
        post = _once(user, token, make)
    post.thread.moderation_decision = decision
    return post.thread


def reply(user, thread, *, body, anonymous=False, token=""):
    """Reply to `thread`. Returns the post (the earlier one for a repeated submission)."""
    if not permissions.can_reply(user, thread):
        raise PermissionDenied("You cannot reply to this thread.")
    check_anonymous_allowed(user, thread.board, anonymous)
    body = clean_body(body)
    decision = moderation_policy.decide(user, body)  # may block with a reason
    body = decision.body

    def make():
        post = _create_post(user, thread, body, anonymous, _area(user) if anonymous else "",
                            decision.visibility)
        moderation_actions.record_decision(post, decision)
        refresh_thread(thread)
        Follow.objects.get_or_create(user=user, thread=thread)
        log(instance=post, action="forums.post.created", user=user,
            data={"thread": thread.pk, "anonymous": anonymous})
        if post.is_public:
            notify_followers(post)
            announce(post, "shown")
        return post

    with transaction.atomic():
        post = _once(user, token, make)
    post.moderation_decision = decision
    return post


def edit_post(user, post, *, body, title=None):
    """Change a post's text, keeping the earlier version. The first post may change the title."""
    if not permissions.can_edit_post(user, post):
        raise PermissionDenied("The time to edit this post has passed; ask a moderator.")
    body = clean_body(body)
    decision = moderation_policy.decide(user, body, title=title, is_edit=True)
    body, title = decision.body, decision.title
    thread = post.thread
    with transaction.atomic():
        PostRevision.objects.create(post=post, body_source=post.body_source,
                                    body_html=post.body_html, edited_by=user,
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
        log(instance=post, action="forums.post.edited", user=user, data={"thread": thread.pk})
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


def thread_slug(title):
    return slugify(title)[:80] or "thread"


def refresh_thread(thread):
    """Recompute the thread's latest post, activity time and reply count from visible posts."""
    visible = Post.objects.filter(thread=thread, visibility=Visibility.VISIBLE)
    last = visible.order_by("-created_at", "-id").only("id", "created_at").first()
    thread.last_post = last
    thread.last_activity_at = last.created_at if last else thread.created_at
    thread.reply_count = max(visible.count() - 1, 0)
    thread.save(update_fields=["last_post", "last_activity_at", "reply_count"])


def is_first_post(post):
    first_id = Post.objects.filter(thread_id=post.thread_id).order_by("created_at", "id").values_list(
        "id", flat=True).first()
    return first_id == post.pk


def post_language(text, default=None):
    """The language `text` is written in ("en", "es"); when it cannot be told, `default` or the
    language of the page it was written on."""
    return languages.detect(text, default=default or languages.page_language())


def _create_post(user, thread, body, anonymous, area, visibility=Visibility.VISIBLE, language=None):
    return Post.objects.create(
        thread=thread, author=user, is_anonymous=anonymous, author_area=area, body_source=body,
        visibility=visibility, language=language or post_language(body),
        body_html=markup.render(body), staff_badge="" if anonymous else staff_badge_for(user),
    )


def staff_badge_for(user):
    """The badge a staff member's post carries; residents have none."""
    if user.is_liaison:
        return f"Liaison, {user.partner.name}"
    if user.is_moderator:
        return "Moderator"
    return ""


def _area(user):
    return user.neighbourhood.name if user.neighbourhood_id else ""


def _once(user, token, make):
    """Run `make` once per (user, token): a repeated submission returns the first result."""
    if not token:
        return make()
    try:
        with transaction.atomic():
            submission = Submission.objects.create(user=user, token=token[:64])
    except IntegrityError:
        earlier = Submission.objects.select_related("post__thread").get(user=user, token=token[:64])
        if earlier.post is None:
            raise ValidationError("This form was already sent; reload the page.") from None
        return earlier.post
    post = make()
    submission.post = post
    submission.save(update_fields=["post"])
    return post


# Following, reading, notifications -------------------------------------------------------------

def follow(user, thread):
    if not permissions.can_follow(user, thread):
        raise PermissionDenied("Sign in to follow threads.")
    Follow.objects.get_or_create(user=user, thread=thread)


def unfollow(user, thread):
    Follow.objects.filter(user=user, thread=thread).delete()


def unsubscribe_token(user, thread):
    return signing.dumps({"u": user.pk, "t": thread.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe(token):
    """Stop email about one thread for the holder of a signed link. Returns the thread, or None
    if the link is not valid."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
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


def mark_read(user, thread, up_to_post_id, *, state=None):
    """Remember that `user` has read `thread` up to the post `up_to_post_id`; once that reaches the
    thread's last post, their notifications for it are read. Writes nothing when nothing changes.
    `state` is the reader's `read_state()` if the caller has it already; it may be a little stale:
    the marker still only moves forward."""
    if not user.is_authenticated or not up_to_post_id:
        return
    if state is None:
        state = read_state(user, thread)
    if state.read_to is None:
        ReadMarker.objects.bulk_create(
            [ReadMarker(user=user, thread=thread, last_read_post_id=up_to_post_id)],
            ignore_conflicts=True,
        )
    elif state.read_to < up_to_post_id:
        ReadMarker.objects.filter(user=user, thread=thread).update(
            last_read_post_id=Greatest(F("last_read_post_id"), up_to_post_id)
        )
    if state.unread_notifications and thread.last_post_id and up_to_post_id >= thread.last_post_id:
        Notification.objects.filter(user=user, thread=thread, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def notify_followers(post, *, without_email=()):
    """One unread notification per follower and thread; more replies only raise its count.
    Followers in `without_email` (user ids) get the notification but no reply email: the concerns
    app emails a concern's resident about official answers itself."""
    thread = post.thread
    followers = set(Follow.objects.filter(thread=thread).exclude(user_id=post.author_id)
                    .values_list("user_id", flat=True))
    if not followers:
        return
    already = set(Notification.objects.filter(thread=thread, read_at__isnull=True,
                                              user_id__in=followers).values_list("user_id", flat=True))
    Notification.objects.filter(thread=thread, read_at__isnull=True, user_id__in=already).update(
        count=F("count") + 1, updated_at=timezone.now()
    )
    Notification.objects.bulk_create(
        [Notification(user_id=uid, thread=thread, first_post=post) for uid in followers - already],
        ignore_conflicts=True,  # a reply at the same moment made it first
    )
    new_ids = sorted(followers - already - set(without_email))
    if new_ids:
        from .tasks import send_reply_emails

        transaction.on_commit(lambda: send_reply_emails.enqueue(user_ids=new_ids), robust=True)
