"""What thread pages show for each post and thread lists for each thread, worked out once per page.

The templates loop over these rows and print them: no per-post include, template tag, URL
reversal, date filter or query. Everything a row holds comes from the objects already loaded, the
permission functions and moderation's marks (loaded for the whole page at once)."""

import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.taxonomy import cached as taxonomy

from . import permissions
from .models import ThreadKind, Visibility
from .moderation.marks import marks_for

# The formats the templates' `date` filter used: a machine-readable one for <time datetime> and
# the one people read.
MACHINE_TIME = r"Y-m-d\TH:i:sO"
HUMAN_TIME = "j M Y, H:i"
_PK = 2_147_483_647  # stands for a post's id in URL patterns reversed once per page


@dataclass(slots=True)
class Stamp:
    machine: str
    human: str


@dataclass(slots=True)
class PostRow:
    pk: int
    author_name: str
    is_official_response: bool
    official_partner_name: str
    staff_badge: str
    visibility_label: str  # empty for a visible post
    created: Stamp
    edited: Stamp | None
    body_html: str
    language: str  # the post's language code ("es"), its body's `lang`; empty when not known
    permalink: str
    redacted: bool  # shown to everyone: "Edited by a moderator"
    is_moderator: bool  # the viewer moderates: originals, the Moderate link, the queue badge
    originals: list  # moderators only: the redactions, oldest first
    in_review_queue: bool
    moderate_url: str
    can_flag: bool
    flag_url: str
    can_edit: bool
    edit_url: str
    history_url: str  # "edited — see changes", for an edited post the public can read


def stamp(moment):
    """`moment` in the site's time zone, printed as the templates' date filter prints it with
    MACHINE_TIME and HUMAN_TIME (tests/forums/test_presenters.py holds them to it), in a quarter
    of its time: a page prints a hundred of these."""
    local = timezone.localtime(moment)
    return Stamp(
        machine=_machine_time(local),
        human=f"{local.day} {_month(get_language(), local.month)} {local.year:04d}, "
              f"{local.hour:02d}:{local.minute:02d}",
    )


def _machine_time(local):
    offset = local.utcoffset()
    if offset.seconds % 60 or local.replace(fold=not local.fold).utcoffset() != offset:
        # A clock change makes the time ambiguous (the filter then prints no offset), or an old
        # local mean time has seconds in its offset: rare, so let the filter's code do it.
        return dateformat.format(local, MACHINE_TIME)
    return (f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}:"
            f"{local.second:02d}{local:%z}")


@functools.lru_cache(maxsize=128)
def _month(language, number):
    return str(MONTHS_3[number]).title()  # as the date filter's "M"


def _visibility_label(user, post):
    if post.visibility == Visibility.VISIBLE:
        return ""
    if permissions.is_own_held_post(user, post):
        return _("Awaiting review: only you can see this post until a moderator approves it")
    return post.get_visibility_display()


def post_rows(user, thread, thread_url, posts):
    """One PostRow per post of `thread` on the page, for `user`."""
    marks = marks_for(user, posts)
    urls = _url_patterns()
    rows = []
    for post in posts:
        pk = str(post.pk)
        mark = marks[post.pk]
        rows.append(PostRow(
            pk=post.pk,
            author_name=post.public_author_name,
            is_official_response=post.is_official_response,
            official_partner_name=post.official_partner.name if post.official_partner_id else "",
            staff_badge=post.staff_badge_text,
            visibility_label=_visibility_label(user, post),
            created=stamp(post.created_at),
            edited=stamp(post.edited_at) if post.edited_at else None,
            body_html=post.body_html,
            language=post.language,
            permalink=urls["post"].replace(str(_PK), pk),
            redacted=mark["redacted"],
            is_moderator=mark["is_moderator"],
            originals=mark["originals"],
            in_review_queue=bool(mark["open_item"]),
            moderate_url=urls["moderate"].replace(str(_PK), pk) if mark["is_moderator"] else "",
            can_flag=mark["can_flag"],
            flag_url=urls["flag"].replace(str(_PK), pk) if mark["can_flag"] else "",
            can_edit=permissions.can_edit_post(user, post),
            edit_url=f"{thread_url}posts/{pk}/edit/",
            history_url=(urls["history"].replace(str(_PK), pk)
                         if post.edited_at and post.is_public and thread.is_public else ""),
        ))
    return rows


def _url_patterns():
    return {
        "post": reverse("forums:post", args=[_PK]),
        "flag": reverse("forums:flag_post", args=[_PK]),
        "history": reverse("forums:post_history", args=[_PK]),
        "moderate": reverse("moderation_post", args=[_PK]),
    }


@dataclass(slots=True)
class ThreadRow:
    url: str
    title: str
    is_pinned: bool
    is_locked: bool
    is_concern: bool
    concern_state: str  # "" unless the concern was loaded with the thread (concern boards)
    concern_state_label: str
    has_new_posts: bool
    author_name: str
    board_title: str
    topic_name: str
    neighbourhood_name: str
    reply_count: int
    language: str  # the first post's language code, the title's `lang`
    last_activity: Stamp
    last_poster: str | None  # None when the thread has no visible post to name


def _concern_state(thread):
    """The concern's state, if the list loaded it with the thread (no query otherwise)."""
    concern = thread._state.fields_cache.get("concern")
    if concern is None:
        return {"concern_state": "", "concern_state_label": ""}
    return {"concern_state": concern.state, "concern_state_label": concern.get_state_display()}


def thread_rows(threads, board=None):
    """One ThreadRow per thread, each already given its `url`. `board`, when all threads are on
    it, saves asking each thread for its own; otherwise the threads come with `board` loaded.
    Topic and neighbourhood names come from the cached taxonomy, not from each thread."""
    topic_names, area_names = taxonomy.topic_names(), taxonomy.neighbourhood_names()
    return [
        ThreadRow(
            url=thread.url,
            title=thread.title,
            is_pinned=thread.is_pinned,
            is_locked=thread.is_locked,
            is_concern=thread.kind == ThreadKind.CONCERN,
            **_concern_state(thread),
            has_new_posts=getattr(thread, "has_new_posts", False),
            author_name=thread.public_author_name,
            board_title=(board or thread.board).title,
            topic_name=topic_names.get(thread.topic_id, ""),
            neighbourhood_name=area_names.get(thread.neighbourhood_id, ""),
            reply_count=thread.reply_count,
            language=thread.language,
            last_activity=stamp(thread.last_activity_at),
            last_poster=thread.last_post.public_author_name if thread.last_post_id else None,
        )
        for thread in threads
    ]
