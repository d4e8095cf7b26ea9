"""Helpers the views of the forum, its concern boards and moderation share: where a post is in
its thread, refusing a board closed to the reader, the rate-limit refusal before posting, what the
author is told after posting, and the help panel for a post about an overdose now."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone

from . import permissions, threads
from .forms import ThreadForm
from .models import Post, Submission
from .moderation import detection, ratelimit
from .moderation import permissions as moderation_permissions
from .moderation.policy import CRISIS_SESSION_KEY

POSTS_PER_PAGE = 50


def posts_for(user, thread):
    posts = Post.objects.filter(thread=thread).select_related("author", "official_partner")
    return permissions.viewable_posts(user, posts).order_by("created_at", "id")


def post_location(user, post, thread_url, anchor=None):
    """The URL of the page of the thread holding `post`, with its anchor (the post's, unless
    another is given)."""
    before = posts_for(user, post.thread).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, id__lt=post.pk)).count()
    page = before // POSTS_PER_PAGE + 1
    return f"{thread_url}?page={page}#{anchor or f'post-{post.pk}'}"


def refuse_restricted_board(request, board):
    """For routes Wagtail does not serve through the board: None if the user may read `board`;
    else visitors are sent to sign in and signed-in users get 403, without a word of the post,
    its thread's title or its address."""
    if permissions.can_read_board(request.user, board, request.session):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("This board is not open to you.")


def posting_refused(request, kind, token=""):
    """A message saying when the user may post again, or None if they may post now. Sending the
    same form twice (same token) is not counted: it finds the first post."""
    if token and Submission.objects.filter(user=request.user, token=token[:64]).exists():
        return None
    return ratelimit.refusal(request.user, ratelimit.client_ip(request), kind)


def tell_author(request, obj, kind, published_message):
    """Count the post for rate limits and tell the author what happened to it."""
    ratelimit.record(request.user, ratelimit.client_ip(request), kind)
    decision = getattr(obj, "moderation_decision", None)
    if decision is None or not decision.messages:
        messages.success(request, published_message)
        return
    if decision.crisis:
        request.session[CRISIS_SESSION_KEY] = True
    if not decision.is_held:
        messages.success(request, published_message)
    for text in decision.messages:
        (messages.warning if decision.crisis else messages.info)(request, text)


OVERDOSE_RECENT = timedelta(hours=24)


def overdose_now(posts, now=None):
    """Whether a post written in the last day says an overdose is happening now: its readers see
    the help panel too, not only its author."""
    since = (now or timezone.now()) - OVERDOSE_RECENT
    return any(
        finding.kind == detection.Kind.OVERDOSE
        for post in posts if post.created_at >= since and post.is_public
        for finding in detection.find_crisis(detection.from_html(post.body_html))
    )


def refused_by_sanction(request, template, context):
    """For a posting page (new thread, raise a concern, edit a post): a silenced resident gets
    the page with the notice saying why and until when instead of the form (403), else None."""
    if not request.user.is_authenticated:
        return None
    sanction = moderation_permissions.posting_sanction(request.user)
    if sanction is None:
        return None
    return render(request, template, {**context, "form": None, "sanction": sanction}, status=403)


def sanction_of(user):
    """The notice to show instead of a posting form (the thread page's reply box), or None."""
    return moderation_permissions.posting_sanction(user) if user.is_authenticated else None


def new_thread_page(request, board, start, extra_context=None):
    """The new-thread form on `board`: shown, checked against the rate limits, and handed to
    `start(user, board, cleaned_data)`, the action that starts the thread (the forum's or a concern
    board's). `extra_context(form)` adds to what the template gets."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if refused := refused_by_sanction(request, "forums/new_thread.html",
                                      {"page": board, "self": board}):
        return refused
    if not permissions.can_start_thread(request.user, board):
        if board.is_open:
            messages.error(request, "Confirm your email address before you post.")
        else:
            messages.error(request, "This board is closed to new threads.")
        return redirect(board.url)
    allow = permissions.can_post_anonymously(request.user, board)
    kwargs = {"board": board, "allow_anonymous": allow, "staff": request.user.is_staff_member,
              "area": threads.author_area(request.user) if allow else ""}
    form = ThreadForm(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and form.is_valid() and (wait := posting_refused(
            request, ratelimit.THREAD, form.cleaned_data["token"])):
        form.add_error(None, wait)
    elif request.method == "POST" and form.is_valid():
        try:
            thread = start(request.user, board, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            tell_author(request, thread, ratelimit.THREAD, "Your thread is posted.")
            return HttpResponseRedirect(thread.url_under(board.url))
    return render(request, "forums/new_thread.html", {
        "page": board, "self": board, "form": form,
        **(extra_context(form) if extra_context else {})})
