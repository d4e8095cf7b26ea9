"""What the public may see of concerns, for other pages and apps (a partner's page, open data).

A concern is public when it is published (no longer waiting for moderation), its thread and the
thread's first post are visible, and its board is live with no view restriction on it or above
it. Each function here runs a fixed number of queries, whatever the number of concerns.
"""

import html

from django.db.models import Exists, OuterRef, Subquery
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

from forums.models import BoardPage, Post, ThreadKind, Visibility, public_pages

from .models import Concern, OfficialAnswer, State

PARTNER_ANSWERS = 5
EXCERPT_WORDS = 40


def public_concerns():
    """Published concerns on public boards whose thread and first post are visible, annotated
    with `first_post_html` (the text as the public sees it: redacted if it was redacted)."""
    first_post = Post.objects.filter(thread_id=OuterRef("thread_id")).order_by("created_at", "id")
    return (
        Concern.objects.exclude(state=State.SUBMITTED)
        .filter(published_at__isnull=False, thread__visibility=Visibility.VISIBLE,
                thread__board__in=public_pages())
        .annotate(first_post_visibility=Subquery(first_post.values("visibility")[:1]),
                  first_post_html=Subquery(first_post.values("body_html")[:1]))
        .filter(first_post_visibility=Visibility.VISIBLE)
    )


def latest_official_answers(partner, limit=PARTNER_ANSWERS):
    """The partner's latest official answers that anyone may read, newest first (2 queries)."""
    answers = (
        OfficialAnswer.objects.filter(partner=partner, post__visibility=Visibility.VISIBLE)
        .filter(Exists(public_concerns().filter(pk=OuterRef("concern_id"))))
        .select_related("post", "concern__thread")
        .order_by("-created_at", "-id")[:limit]
    )
    return list(answers)


def plain_text(body_html):
    """Rendered post HTML as plain text on one line (entities decoded, spaces collapsed)."""
    return " ".join(html.unescape(strip_tags(body_html or "")).split())


def partner_answers_section(partner):
    """The "latest official responses" section of a partner's public page."""
    answers = latest_official_answers(partner)
    for answer in answers:
        answer.excerpt = Truncator(plain_text(answer.post.body_html)).words(EXCERPT_WORDS)
    return {"answers": answers}


def concern_boards(request):
    """The live, public, open concern boards of the request's site, in the page tree's order."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(BoardPage.objects.live().public().descendant_of(site.root_page)
                .filter(thread_kind=ThreadKind.CONCERN, is_open=True).order_by("path"))


def home_section(request):
    """The home page's "Raise a concern" call to action (its link needs no query)."""
    return {}


MY_CONCERNS = 50


def my_concerns(request):
    """The signed-in resident's own concerns, newest first, for their account page (2 queries:
    the concerns with their threads and boards, and the boards' site roots for the links)."""
    user = request.user
    if not user.is_authenticated:
        return {"concerns": []}
    concerns = list(Concern.objects.filter(thread__author=user)
                    .select_related("thread__board").order_by("-created_at", "-id")[:MY_CONCERNS])
    for concern in concerns:
        concern.url = concern.thread.get_absolute_url()
    return {"concerns": concerns, "limit": MY_CONCERNS}
