"""Site-side moderation: flagging a post, the suspended page, and the helpers forums' posting
views call (rate limits, honeypot, what the author is told after posting)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from forums.models import Post, Submission

from . import actions, detection, permissions, ratelimit
from .forms import FlagForm

CRISIS_SESSION_KEY = "moderation_show_crisis_panel"


# Helpers for forums.views ----------------------------------------------------------------------

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


# Flagging ---------------------------------------------------------------------------------------

def flag_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__board", "author"), pk=pk)
    if not (post.is_public and post.thread.is_public and post.thread.board.live):
        raise Http404("No such post")
    from forums.views import refuse_restricted_board  # forums.views imports this module

    if refused := refuse_restricted_board(request, post.thread.board):
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post_url = post.get_absolute_url()
    if not permissions.can_flag(request.user, post):
        messages.error(request, "You cannot flag this post.")
        return HttpResponseRedirect(post_url)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refused = ratelimit.refusal(request.user, ratelimit.client_ip(request), ratelimit.FLAG)
        if refused:
            form.add_error(None, refused)
        else:
            try:
                actions.flag_post(request.user, post, reason=form.cleaned_data["reason"],
                                  note=form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                messages.error(request, "You cannot flag this post.")
                return HttpResponseRedirect(post_url)
            else:
                ratelimit.record(request.user, ratelimit.client_ip(request), ratelimit.FLAG)
                messages.success(request, "Thank you. A moderator will look at this post.")
                return HttpResponseRedirect(_back_to_the_message(request, post))
    return render(request, "moderation/flag_post.html", {"post": post, "form": form,
                                                          "thread": post.thread})


def _back_to_the_message(request, post):
    """The thread page the flagged post is on, with focus on the confirmation message, so a
    screen reader reads it and the keyboard carries on from there."""
    from forums.views import post_location  # forums.views imports this module

    return post_location(request.user, post, post.thread.url_under(post.thread.board.url),
                         anchor="messages")


# Suspended accounts ----------------------------------------------------------------------------

class SuspensionMiddleware:
    """A suspended account is signed out on its next request and told why and until when."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and permissions.is_suspended(user):
            sanction = permissions.active_sanction(user, "suspended")
            logout(request)
            return render(request, "moderation/suspended.html", {"sanction": sanction}, status=403)
        return self.get_response(request)


def refused_by_sanction(request, template, context):
    """For a posting page (new thread, raise a concern, edit a post): a silenced resident gets
    the page with the notice saying why and until when instead of the form (403), else None."""
    if not request.user.is_authenticated:
        return None
    sanction = permissions.posting_sanction(request.user)
    if sanction is None:
        return None
    return render(request, template, {**context, "form": None, "sanction": sanction}, status=403)


def sanction_of(user):
    """The notice to show beside a posting form (the thread page's reply box), or None."""
    return permissions.posting_sanction(user) if user.is_authenticated else None


# Notices from the moderators (on the notifications page) ----------------------------------------

NOTICES_SHOWN = 50


def notices_for(user):
    """The resident's own notices, newest first: posts not published (reason and their text) and
    private messages. Only ever the signed-in account's own."""
    from django.db.models import F

    from .models import Notice

    return list(Notice.objects.filter(user=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id")[:NOTICES_SHOWN])


def mark_notices_read(user):
    actions.mark_notices_read(user)
