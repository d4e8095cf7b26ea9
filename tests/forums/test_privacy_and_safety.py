"""Anonymous posting hides the account everywhere; markup never lets script through;
hidden posts never show; account deletion keeps posts without the name; export."""

import re
from html.parser import HTMLParser

import pytest

from forums import actions
from forums.models import Post
from forums.moderation import actions as moderation
from portal.accounts import actions as account_actions
from portal.accounts import queries as account_queries
from tests.factories import NeighbourhoodFactory, UserFactory, forum_thread

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)><circle r=5></circle></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<scr<script>ipt>alert(1)</script>",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "![img](javascript:alert(1))",
    '"><script>alert(1)</script>',
    "<body onload=alert(1)>",
    "<<img src=x onerror=alert(1)//",
    '[x](JaVaScRiPt:alert(1))',
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
]


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


SAFE_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives_on_the_thread_page(client, resident, board, payload):
    # given a post whose body is an attack
    thread = forum_thread(resident, board, body=f"Hello {payload} end")
    # when anyone reads the thread
    html = client.get(thread.get_absolute_url()).content.decode()
    post_html = re.search(r'class="post__body prose"[^>]*>(.*?)</div>', html, re.S).group(1)
    # then the post's HTML holds only allowed tags, no event handlers or styles, and only safe links
    parser = _TagCollector()
    parser.feed(post_html)
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, post_html
        assert set(attrs) <= {"href", "title", "rel"}, post_html
        if "href" in attrs:
            assert attrs["href"].split(":", 1)[0].lower() in {"http", "https", "mailto"}, post_html
    assert "<script" not in post_html.lower()


def test_links_get_safe_rel(client, resident, board):
    thread = forum_thread(resident, board, body="See https://example.org/help")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert 'href="https://example.org/help" rel="nofollow ugc noopener"' in html


def test_anonymous_post_hides_the_account_in_page_feed_and_source(client, anonymous_board):
    # given a resident of Millbrook posting anonymously
    area = NeighbourhoodFactory(name="Millbrook")
    author = UserFactory(display_name="Secret Sam", email="sam@example.org", neighbourhood=area)
    thread = forum_thread(author, anonymous_board, anonymous=True, title="Dealing outside number 4")
    actions.reply(thread, by=author, body="More happened tonight", anonymous=True)
    # when a visitor reads the board, the thread, the feeds and the forum index
    urls = [anonymous_board.url, thread.get_absolute_url(), anonymous_board.url + "feed/rss/",
            anonymous_board.url + "feed/atom/", thread.get_absolute_url() + "feed/rss/",
            thread.get_absolute_url() + "feed/atom/", anonymous_board.get_parent().url, "/"]
    for url in urls:
        content = client.get(url).content.decode()
        # then the display name and email never appear, the area does
        assert "Secret Sam" not in content, url
        assert "sam@example.org" not in content, url
    assert "A resident of Millbrook" in client.get(thread.get_absolute_url()).content.decode()


def test_anonymous_posting_only_where_the_board_allows_it(resident, board):
    with pytest.raises(actions.PermissionDenied):
        forum_thread(resident, board, anonymous=True)


def test_hidden_posts_never_show_in_pages_feeds_or_counts(client, resident, moderator, board):
    # given a thread with a reply a moderator has hidden
    thread = forum_thread(resident, board, title="A thread with a hidden reply")
    hidden = actions.reply(thread, by=resident, body="Something unkind that was hidden")
    moderation.hide(hidden, by=moderator, reason="unkind")
    # when a visitor looks at everything
    pages = [thread.get_absolute_url(), thread.get_absolute_url() + "feed/rss/",
             thread.get_absolute_url() + "feed/atom/", board.url]
    # then the text appears nowhere, and the count says no replies
    for url in pages:
        assert "Something unkind" not in client.get(url).content.decode(), url
    assert "0 replies" in client.get(board.url).content.decode()
    assert client.get(f"/forums/posts/{hidden.pk}/").status_code == 404
    assert hidden not in Post.objects.public()
    # and a moderator still sees it, marked
    client.force_login(moderator)
    content = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert "Something unkind" in content and "Hidden by a moderator" in content


def test_hidden_thread_is_gone_for_visitors(client, resident, moderator, board):
    thread = forum_thread(resident, board, title="A thread that gets hidden")
    moderation.hide(thread.posts.get(), by=moderator, reason="Off topic")  # the opening post: its thread
    assert client.get(thread.get_absolute_url()).status_code == 404
    for url in [board.url, board.url + "feed/rss/", board.get_parent().url + "feed/atom/", "/"]:
        assert "A thread that gets hidden" not in client.get(url).content.decode(), url


def test_deleting_an_account_keeps_the_posts_without_the_name(client, board):
    # given a resident who wrote a thread
    author = UserFactory(display_name="Named Neighbour")
    thread = forum_thread(author, board, body="Words worth keeping")
    # when they delete their account
    account_actions.delete_account(author, by=author)
    # then the post is still readable, but their name is gone
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "Words worth keeping" in content
    assert "Named Neighbour" not in content
    assert not author.forum_follows.exists()


def test_export_includes_threads_and_posts(resident, board):
    thread = forum_thread(resident, board, title="My exported thread", body="My first words")
    actions.reply(thread, by=resident, body="My second words")
    data = account_queries.export_user_data(resident)
    assert [t["title"] for t in data["forum_threads"]] == ["My exported thread"]
    assert [p["body"] for p in data["forum_posts"]] == ["My first words", "My second words"]
    assert data["forum_following"] == ["My exported thread"]


def test_content_changed_signal_on_show_edit_and_hide(resident, moderator, board,
                                                      django_capture_on_commit_callbacks):
    from forums.signals import content_changed

    seen = []

    def receiver(sender, instance, change, **kwargs):
        seen.append((sender.__name__, change))

    content_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            thread = forum_thread(resident, board)
        post = thread.posts.get()
        with django_capture_on_commit_callbacks(execute=True):
            actions.edit_post(post, by=resident, body="changed")
        with django_capture_on_commit_callbacks(execute=True):
            moderation.hide(post, by=moderator, reason="Off topic")
    finally:
        content_changed.disconnect(receiver)
    # hiding the opening post withdraws its thread too
    assert seen == [("Thread", "shown"), ("Post", "shown"), ("Post", "updated"), ("Thread", "withdrawn"),
                    ("Post", "withdrawn")]
