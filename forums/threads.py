"""The bookkeeping of threads and posts that the forum, moderation and concerns share: validating a
title and a body, a thread's address, its latest post and reply count, which post opens it,
creating a post, and notifying followers.

It imports nothing from moderation or concerns, and they import it rather than forums.actions or
forums.views (tests/forums/test_layers.py holds them to that)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import languages, markup

from . import permissions
from .models import (
    BADGE_LIAISON,
    BADGE_MODERATOR,
    BADGE_TEXTS,
    Follow,
    Notification,
    Post,
    Submission,
    Visibility,
)

TITLE_MIN, TITLE_MAX = 10, 150
BODY_MIN, BODY_MAX = 1, 20_000


# Validation shared by the forms and the actions ------------------------------------------

def clean_title(title):
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN:
        raise ValidationError(_("The title needs at least %(min)d characters (it has %(count)d).")
                              % {"min": TITLE_MIN, "count": len(title)})
    if len(title) > TITLE_MAX:
        raise ValidationError(_("The title can have at most %(max)d characters (it has %(count)d).")
                              % {"max": TITLE_MAX, "count": len(title)})
    return title


def clean_body(body):
    body = (body or "").strip()
    if len(body) < BODY_MIN:
        raise ValidationError(_("Write something before you post."))
    if len(body) > BODY_MAX:
        raise ValidationError(
            _("A post can have at most %(max)s characters (it has %(count)s).") % {
                "max": number_format(BODY_MAX, force_grouping=True),
                "count": number_format(len(body), force_grouping=True)}
        )
    return body


# Posting ------------------------------------------------------------------------------------

STAFF_NOT_ANONYMOUS = gettext_lazy("Staff post under their own name: liaisons, moderators, editors "
                                   "and administrators cannot post anonymously.")


def check_anonymous_allowed(user, board, anonymous):
    if not anonymous or permissions.can_post_anonymously(user, board):
        return
    if user.is_authenticated and user.is_staff_member:
        raise PermissionDenied(STAFF_NOT_ANONYMOUS)
    raise PermissionDenied(_("This board does not allow anonymous posts."))


# Bookkeeping ------------------------------------------------------------------------------------

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


def create_post(user, thread, body, anonymous, area, visibility=Visibility.VISIBLE, language=None):
    kind, name = ("", "") if anonymous else staff_badge_for(user)
    return Post.objects.create(
        thread=thread, author=user, is_anonymous=anonymous, author_area=area, body_source=body,
        visibility=visibility, language=language or post_language(body),
        body_html=markup.render(body), badge_kind=kind, badge_name=name,
        staff_badge=stored_badge(kind, name),
    )


def staff_badge_for(user):
    """The badge a staff member's post carries, as (kind, name); residents have none."""
    if user.is_liaison:
        return BADGE_LIAISON, user.partner.name
    if user.is_moderator:
        return BADGE_MODERATOR, ""
    return "", ""


def stored_badge(kind, name):
    """The badge in the site's language, as `Post.staff_badge` keeps it."""
    if not kind:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return (str(BADGE_TEXTS[kind]) % {"name": name})[:80]


def author_area(user):
    return user.neighbourhood.name if user.neighbourhood_id else ""


def once(user, token, make):
    """Run `make` once per (user, token): a repeated submission returns the first result."""
    if not token:
        return make()
    try:
        with transaction.atomic():
            submission = Submission.objects.create(user=user, token=token[:64])
    except IntegrityError:
        earlier = Submission.objects.select_related("post__thread").get(user=user, token=token[:64])
        if earlier.post is None:
            raise ValidationError(_("This form was already sent; reload the page.")) from None
        return earlier.post
    post = make()
    submission.post = post
    submission.save(update_fields=["post"])
    return post


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
