"""Site-side moderation: flagging a post. (The suspended page is middleware.py; the helpers the
posting views share are forums/shortcuts.py.)"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render

from forums import shortcuts
from forums.models import Post

from . import actions, permissions, ratelimit
from .forms import FlagForm

# Flagging ---------------------------------------------------------------------------------------

def flag_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__board", "author"), pk=pk)
    if not (post.is_public and post.thread.is_public and post.thread.board.live):
        raise Http404("No such post")
    if refused := shortcuts.refuse_restricted_board(request, post.thread.board):
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
                actions.flag_post(post, by=request.user, reason=form.cleaned_data["reason"],
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
    return shortcuts.post_location(request.user, post, post.thread.url_under(post.thread.board.url),
                         anchor="messages")
