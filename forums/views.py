"""Forum views. Each parses input, asks permissions, calls one action and renders."""

import html

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.taxonomy import cached as taxonomy

from . import actions, history, permissions, presenters, queries, shortcuts, threads
from .concerns import models as concern_states
from .forms import EditPostForm, FilterForm, ReplyForm
from .models import BoardPage, Notification, Post, ReadMarker, Thread, ThreadKind, Visibility
from .moderation import ratelimit
from .moderation.models import Notice

THREADS_PER_PAGE = 30
# The states a board's list shows and filters by ("submitted" concerns are not public yet).
CONCERN_STATE_CHOICES = [(state.value, state.label) for state in concern_states.State
                         if state != concern_states.State.SUBMITTED]
LATEST_ON_INDEX = 10


# Reading -----------------------------------------------------------------------------------

def forum_index(request, forum):
    boards = list(forum.boards())
    counts = dict(
        Thread.objects.public().filter(board__in=boards).values("board").annotate(n=Count("id"))
        .values_list("board", "n")
    )
    for board in boards:
        board.thread_count = counts.get(board.pk, 0)
    latest = presenters.thread_rows(latest_threads(forum, LATEST_ON_INDEX, boards))
    return render(request, "forums/forum_index_page.html",
                  {"page": forum, "self": forum, "boards": boards, "latest": latest})


def latest_threads(forum, limit, boards=None):
    """The public threads with the latest activity in `forum`, with their URLs ready. `boards`:
    the forum's live, public boards (`forum.boards()`), if the caller has them already.

    The threads are filtered by board id and given their board from that list, rather than joined
    to the page tables: with those joins PostgreSQL spent about 20 ms planning the query."""
    boards = {board.pk: board for board in (forum.boards() if boards is None else boards)}
    threads = (Thread.objects.filter(visibility=Visibility.VISIBLE, board_id__in=list(boards))
               .select_related("author", "last_post__author", "last_post__official_partner")
               .order_by("-last_activity_at")[:limit])
    urls = {pk: board.url for pk, board in boards.items()}
    for thread in threads:
        thread.board = boards[thread.board_id]
        thread.url = thread.url_under(urls[thread.board_id])
        yield thread


def board(request, board):
    is_concern_board = board.thread_kind == ThreadKind.CONCERN
    filters = FilterForm(request.GET or None, topics=board_topics(board),
                         neighbourhoods=taxonomy.neighbourhoods(),
                         states=CONCERN_STATE_CHOICES if is_concern_board else ())
    threads = Thread.objects.visible_on(board).order_by("-is_pinned", "-last_activity_at", "-id")
    if filters.is_valid():
        if filters.cleaned_data.get("topic"):
            threads = threads.filter(topic=filters.cleaned_data["topic"])
        if filters.cleaned_data.get("area"):
            threads = threads.filter(neighbourhood=filters.cleaned_data["area"])
        if filters.cleaned_data.get("state"):
            threads = threads.filter(concern__state=filters.cleaned_data["state"])
        if filters.cleaned_data.get("language"):
            threads = threads.filter(language=filters.cleaned_data["language"])
    # Page through ids alone (an index-only scan, even deep in the list), then load that page.
    page_obj = Paginator(threads.values_list("id", flat=True), THREADS_PER_PAGE).get_page(
        request.GET.get("page"))
    ids = list(page_obj.object_list)
    loaded = Thread.objects.for_list()
    if is_concern_board:
        loaded = loaded.select_related("concern")  # its state, in the same query
    loaded = loaded.in_bulk(ids)
    page_obj.object_list = [loaded[pk] for pk in ids if pk in loaded]
    board_url = board.url
    _mark_unread(request.user, page_obj.object_list)
    for thread in page_obj.object_list:
        thread.url = thread.url_under(board_url)
    page_obj.object_list = presenters.thread_rows(page_obj.object_list, board)
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(request, "forums/board_page.html", {
        "page": board, "self": board, "page_obj": page_obj, "filters": filters,
        "filter_query": urlencode(query),
        "can_start": permissions.can_start_thread(request.user, board),
        "new_thread_url": board_url + board.reverse_subpage("new_thread"),
    })


def board_topics(board):
    """The topics residents choose from on `board`: its own, or every topic if it names none."""
    chosen = set(BoardPage.topics.through.objects.filter(boardpage=board)
                 .values_list("topic_id", flat=True))
    return [topic for topic in taxonomy.topics() if topic.pk in chosen] or taxonomy.topics()


def _mark_unread(user, threads):
    """Set `has_new_posts` on threads the user has read before and that have new posts since."""
    threads = list(threads)
    markers = {}
    if user.is_authenticated and threads:
        markers = dict(ReadMarker.objects.filter(user=user, thread__in=threads)
                       .values_list("thread_id", "last_read_post_id"))
    for thread in threads:
        read_to = markers.get(thread.pk)
        thread.has_new_posts = bool(read_to is not None and thread.last_post_id
                                    and thread.last_post_id > read_to)


def _get_thread(request, board, thread_id):
    thread = get_object_or_404(
        Thread.objects.select_related("topic", "neighbourhood", "author"), pk=thread_id, board=board
    )
    thread.board = board
    if not permissions.can_view_thread(request.user, thread):
        raise Http404("No such thread")
    return thread


def thread(request, board, thread_id, slug):
    thread = _get_thread(request, board, thread_id)
    thread_url = thread.url_under(board.url)
    if slug != thread.slug:  # an earlier title's address: it may hold what a moderator removed
        raise Http404("No such thread")
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(thread_url)
        if not permissions.can_reply(request.user, thread):
            messages.error(request, "You cannot reply here: the thread is locked, the board is "
                                    "closed, or your email address is not confirmed yet.")
            return HttpResponseRedirect(thread_url + "?page=1")
        form = _reply_form(request, thread, data=request.POST)
        if form.is_valid() and (wait := shortcuts.posting_refused(
                request, ratelimit.REPLY, form.cleaned_data["token"])):
            form.add_error(None, wait)
        elif form.is_valid():
            try:
                post = actions.reply(thread, by=request.user, body=form.cleaned_data["body"],
                                     anonymous=form.cleaned_data.get("anonymous", False),
                                     token=form.cleaned_data["token"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                shortcuts.tell_author(request, post, ratelimit.REPLY, "Your reply is posted.")
                return HttpResponseRedirect(shortcuts.post_location(request.user, post, thread_url))
    posts = shortcuts.posts_for(request.user, thread)
    state = None
    if "page" not in request.GET and request.method == "GET" and request.user.is_authenticated:
        state = queries.read_state(request.user, thread)
        first_unread = _first_unread(thread, posts, state.read_to)
        if first_unread is not None:
            return HttpResponseRedirect(shortcuts.post_location(request.user, first_unread, thread_url))
    page_obj = Paginator(posts, shortcuts.POSTS_PER_PAGE).get_page(request.GET.get("page"))
    return _render_thread(request, board, thread, thread_url, page_obj, form, state)


def _render_thread(request, board, thread, thread_url, page_obj, form, read_state=None):
    user = request.user
    can_reply = permissions.can_reply(user, thread)
    if form is None and can_reply:
        form = _reply_form(request, thread, initial={"body": _quote(request, thread)})
    post_list = list(page_obj.object_list)
    for post in post_list:
        post.thread = thread
    if post_list:
        actions.mark_read(thread, max(post.pk for post in post_list), by=user, state=read_state)
    return render(request, "forums/thread_page.html", {
        "page": board, "self": board, "thread": thread, "thread_url": thread_url,
        "canonical_path": thread_url if page_obj.number == 1 else f"{thread_url}?page={page_obj.number}",
        "description": _description(thread, board, page_obj, post_list),
        "page_obj": page_obj, "posts": presenters.post_rows(user, thread, thread_url, post_list),
        "form": form, "can_reply": can_reply,
        "is_following": user.is_authenticated and thread.follows.filter(user=user).exists(),
        "can_follow": permissions.can_follow(user, thread),
        "sanction": shortcuts.sanction_of(user),
        "needs_verification": user.is_authenticated and not permissions.can_post(user),
        "overdose_now": shortcuts.overdose_now(post_list),
    })


DESCRIPTION_WORDS = 30


def _description(thread, board, page_obj, post_list):
    """What search engines and link previews show: the start of the first post as the public
    sees it (only when it is public and already on this page), else where the thread is."""
    first = post_list[0] if page_obj.number == 1 and post_list else None
    if thread.is_public and first is not None and first.is_public:
        text = " ".join(html.unescape(strip_tags(first.body_html)).split())
        return Truncator(text).words(DESCRIPTION_WORDS)
    return f"A thread in {board.title}"


def _reply_form(request, thread, **kwargs):
    allow = permissions.can_post_anonymously(request.user, thread.board)
    area = threads.author_area(request.user) if allow else ""
    return ReplyForm(allow_anonymous=allow, area=area, staff=request.user.is_staff_member,
                     **kwargs)


def _quote(request, thread):
    """Markdown quoting the post named by ?quote=<id>, if the user may see it."""
    post_id = request.GET.get("quote", "")
    if not post_id.isdigit():
        return ""
    post = Post.objects.filter(pk=post_id, thread=thread).select_related("author").first()
    if post is None or not permissions.can_view_post(request.user, post):
        return ""
    quoted = "\n".join("> " + line for line in post.body_source.splitlines())
    return f"{post.public_author_name} wrote:\n\n{quoted}\n\n"


def _first_unread(thread, posts, read_to):
    if read_to is None:
        return None
    post = posts.select_related(None).filter(pk__gt=read_to).only("id", "created_at").first()
    if post is not None:
        post.thread = thread
    return post


def post_permalink(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__board"), pk=pk)
    if not post.thread.board.live:
        raise Http404("No such post")
    if refused := shortcuts.refuse_restricted_board(request, post.thread.board):
        return refused
    if not (permissions.can_view_thread(request.user, post.thread)
            and permissions.can_view_post(request.user, post)):
        raise Http404("No such post")
    return HttpResponseRedirect(shortcuts.post_location(request.user, post, post.thread.get_absolute_url()))


def post_history(request, pk):
    """A post's earlier public versions (forums/history.py), for anyone who may read the post."""
    post = get_object_or_404(Post.objects.select_related("thread__board", "author",
                                                         "official_partner"), pk=pk)
    if not (post.is_public and post.thread.is_public
            and permissions.can_view_thread(request.user, post.thread)):
        raise Http404("No such post")
    return render(request, "forums/post_history.html", {
        "page": post.thread.board, "thread": post.thread, "post": post,
        "thread_url": post.thread.get_absolute_url(), "versions": history.public_versions(post),
    })


# Posting -----------------------------------------------------------------------------------

def new_thread(request, board):
    """The new-thread form of a discussion board (a concern board's is concerns.views.new_concern,
    through the same route)."""
    def start(user, board, data):
        return actions.start_thread(
            board, by=user, title=data["title"], body=data["body"], topic=data["topic"],
            neighbourhood=data["neighbourhood"], anonymous=data.get("anonymous", False),
            token=data["token"])

    return shortcuts.new_thread_page(request, board, start)


def edit_post(request, board, thread_id, post_id):
    thread = _get_thread(request, board, thread_id)
    post = get_object_or_404(Post.objects.select_related("author"), pk=post_id, thread=thread)
    post.thread = thread
    thread_url = thread.url_under(board.url)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if post.author_id == request.user.pk and (refused := shortcuts.refused_by_sanction(
            request, "forums/edit_post.html", {"page": board, "self": board, "thread": thread,
                                               "thread_url": thread_url, "post": post})):
        return refused
    if not permissions.can_edit_post(request.user, post):
        messages.error(request, "The time to edit this post has passed. Ask a moderator if it "
                                "needs changing.")
        return HttpResponseRedirect(shortcuts.post_location(request.user, post, thread_url))
    with_title = threads.is_first_post(post)
    initial = {"body": post.body_source, "title": thread.title}
    form = EditPostForm(request.POST if request.method == "POST" else None, initial=initial,
                        with_title=with_title)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_post(post, by=request.user, body=form.cleaned_data["body"],
                              title=form.cleaned_data.get("title"))
        except PermissionDenied:
            messages.error(request, "The time to edit this post has passed.")
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "forums/edit_post.html", {
                "page": board, "self": board, "thread": thread, "thread_url": thread_url,
                "post": post, "form": form, "revisions": post.revisions.all()[:20]})
        else:
            shortcuts.tell_author(request, post, ratelimit.EDIT, "Your changes are saved.")
        # a published new title gave the thread a new address
        return HttpResponseRedirect(shortcuts.post_location(request.user, post, thread.url_under(board.url)))
    return render(request, "forums/edit_post.html", {
        "page": board, "self": board, "thread": thread, "thread_url": thread_url, "post": post,
        "form": form, "revisions": post.revisions.all()[:20],
    })


def follow(request, board, thread_id):
    if request.method != "POST":
        raise Http404("Follow with the button on the thread")
    thread = _get_thread(request, board, thread_id)
    thread_url = thread.url_under(board.url)
    if not request.user.is_authenticated:
        return redirect_to_login(thread_url)
    if request.POST.get("action") == "unfollow":
        actions.unfollow(thread, by=request.user)
        messages.success(request, "You no longer follow this thread.")
    else:
        actions.follow(thread, by=request.user)
        messages.success(request, "You follow this thread: we will email you about new replies.")
    return HttpResponseRedirect(thread_url)


# Notifications and unsubscribing ---------------------------------------------------------------

def notifications(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        return _mark_all_read(request)
    items = (Notification.objects.filter(user=request.user, thread__visibility=Visibility.VISIBLE,
                                         thread__board__live=True)
             .exclude(thread__board__in=permissions.unreadable_board_ids(request.user, request.session))
             .select_related("thread__board", "first_post").order_by("read_at", "-updated_at"))
    page_obj = Paginator(items, 30).get_page(request.GET.get("page"))
    for item in page_obj.object_list:
        item.url = item.thread.get_absolute_url()
    notices = Notice.objects.for_user(request.user) if page_obj.number == 1 else []
    return render(request, "forums/notifications.html", {"page_obj": page_obj, "notices": notices})


@require_POST
def _mark_all_read(request):
    actions.mark_all_read(by=request.user)
    messages.success(request, "All notifications are marked as read.")
    return redirect("forums:notifications")


@csrf_exempt  # one-click unsubscribe (RFC 8058) posts from the mail client; the signed token is the key
def unsubscribe(request, token):
    if request.method == "POST":
        thread = actions.unsubscribe(token)
        return render(request, "forums/unsubscribe.html",
                      {"thread": thread, "done": thread is not None, "token": token},
                      status=200 if thread else 400)
    return render(request, "forums/unsubscribe.html", {"token": token, "done": False})
