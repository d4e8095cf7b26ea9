"""Forums: boards are Wagtail pages; threads, posts and what residents follow are plain models.

Threads and posts carry a visibility state so moderation can hide without deleting. Counts and
"latest" fields on a thread are denormalised from its visible posts by `threads.refresh_thread`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy, pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.search import index

from . import routes


class Visibility(models.TextChoices):
    PENDING = "pending", gettext_lazy("Waiting for review")
    VISIBLE = "visible", gettext_lazy("Visible")
    HIDDEN = "hidden", gettext_lazy("Hidden by a moderator")
    REMOVED = "removed", gettext_lazy("Removed")


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", gettext_lazy("Discussion")
    CONCERN = "concern", gettext_lazy("Concern")


class ForumIndexPage(routes.ForumIndexRoutes, RoutablePageMixin, Page):
    """The forum's front page: its boards, and feeds for the whole forum."""

    intro = models.TextField(blank=True, verbose_name=gettext_lazy("intro"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["forums.BoardPage"]
    template = "forums/forum_index_page.html"

    class Meta:
        verbose_name = gettext_lazy("forum")

    def boards(self):
        return BoardPage.objects.child_of(self).live().public()  # already the specific type


class BoardPage(routes.BoardRoutes, RoutablePageMixin, Page):
    """A board in the forum. Thread URLs live under it: /<board>/<id>-<slug>/."""

    intro = models.TextField(blank=True,
                             help_text=gettext_lazy("What this board is for, in a sentence or two."),
                             verbose_name=gettext_lazy("intro"))
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="boards",
                                     help_text=gettext_lazy("The topics residents may choose from here."))
    thread_kind = models.CharField(
        max_length=20, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION,
        help_text=gettext_lazy("Concerns are routed to the partners responsible; discussions are not."),
        verbose_name=gettext_lazy("thread kind"),
    )
    is_open = models.BooleanField(gettext_lazy("open to posting"), default=True,
                                  help_text=gettext_lazy("Untick to make the board read-only."))
    allow_anonymous = models.BooleanField(
        gettext_lazy("allow anonymous posts"), default=False,
        help_text=gettext_lazy("Residents may post as “A resident of <their neighbourhood>”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("thread_kind"), FieldPanel("is_open"),
                         FieldPanel("allow_anonymous")], heading=gettext_lazy("Posting")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["forums.ForumIndexPage"]
    subpage_types = []
    template = "forums/board_page.html"

    class Meta:
        verbose_name = gettext_lazy("board")

    @property
    def forum_url(self):
        """The forum's address: a board's parent is always its forum, one level up. Worked out
        from the board's own URL, so the breadcrumb needs no query for the parent page."""
        return self.url[: self.url.rstrip("/").rfind("/") + 1]


def public_pages():
    """Live pages that no view restriction (login, password, groups) covers, as a subquery."""
    return Page.objects.live().public().values("pk")


class ThreadQuerySet(models.QuerySet):
    def public(self):
        """Threads anyone may see: visible, on a live board no view restriction covers."""
        return self.filter(visibility=Visibility.VISIBLE, board__in=public_pages())

    def visible_on(self, board):
        """The visible threads of a board being served (so already known to be live)."""
        return self.filter(board=board, visibility=Visibility.VISIBLE)

    def for_list(self):
        """What thread_rows (presenters.py) reads; topic and area names come from the cache."""
        return self.select_related("author", "last_post__author", "last_post__official_partner")


class Thread(models.Model):
    board = models.ForeignKey(BoardPage, on_delete=models.CASCADE, related_name="threads",
                              verbose_name=gettext_lazy("board"))
    title = models.CharField(max_length=150, verbose_name=gettext_lazy("title"))
    slug = models.SlugField(max_length=80, allow_unicode=False, verbose_name=gettext_lazy("slug"))
    kind = models.CharField(max_length=20, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION,
                            verbose_name=gettext_lazy("kind"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="forum_threads", verbose_name=gettext_lazy("author"))
    is_anonymous = models.BooleanField(default=False, verbose_name=gettext_lazy("is anonymous"))
    author_area = models.CharField(max_length=80, blank=True,
                                   help_text=gettext_lazy("The neighbourhood shown for an anonymous author."),
                                   verbose_name=gettext_lazy("author area"))
    topic = models.ForeignKey("taxonomy.Topic", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="threads", verbose_name=gettext_lazy("topic"))
    neighbourhood = models.ForeignKey("taxonomy.Neighbourhood", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="threads",
                                      verbose_name=gettext_lazy("neighbourhood"))
    visibility = models.CharField(max_length=20, choices=Visibility.choices,
                                  default=Visibility.VISIBLE, verbose_name=gettext_lazy("visibility"))
    is_locked = models.BooleanField(default=False, verbose_name=gettext_lazy("is locked"))
    is_pinned = models.BooleanField(default=False, verbose_name=gettext_lazy("is pinned"))
    created_at = models.DateTimeField(auto_now_add=True)
    # Denormalised from the visible posts (threads.refresh_thread keeps them right).
    last_activity_at = models.DateTimeField(db_index=True, verbose_name=gettext_lazy("last activity at"))
    last_post = models.ForeignKey("Post", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=gettext_lazy("last post"))
    reply_count = models.PositiveIntegerField(default=0, verbose_name=gettext_lazy("reply count"))
    language = models.CharField(
        max_length=10, blank=True,
        help_text=gettext_lazy("Language of the first post (a code of settings.LANGUAGES, e.g. 'es'): boards "
                  "and search filter by it."), verbose_name=gettext_lazy("language"))

    objects = ThreadQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["board", "visibility", "-is_pinned", "-last_activity_at", "-id"],
                         name="forums_thread_board_list"),
            models.Index(fields=["board", "topic", "visibility"], name="forums_thread_board_topic"),
            models.Index(fields=["board", "neighbourhood", "visibility"],
                         name="forums_thread_board_area"),
            models.Index(fields=["visibility", "-created_at"], name="forums_thread_latest"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "thread"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_under(self.board.url)

    @property
    def log_title(self):
        """The label of the thread's audit log entries, which the admin's site history shows:
        its title once public, else no title (a held title may hold what a moderator removes)."""
        return self.title if self.is_public else f"Thread {self.pk} (not public)"

    def url_under(self, board_url):
        """The thread's URL given its board's URL (lists compute the board's URL once)."""
        return f"{board_url}{self.pk}-{self.slug}/"

    @property
    def is_public(self):
        return self.visibility == Visibility.VISIBLE

    @property
    def public_author_name(self):
        return public_name(self.author, self.is_anonymous, self.author_area)


class PostQuerySet(models.QuerySet):
    def public(self):
        """Posts anyone may see: visible, in a visible thread on a live, unrestricted board."""
        return self.filter(visibility=Visibility.VISIBLE, thread__visibility=Visibility.VISIBLE,
                           thread__board__in=public_pages())

    def visible_in(self, thread):
        return self.filter(thread=thread, visibility=Visibility.VISIBLE)


# Staff badges beside posts (issue 19): stored as a kind and a name, written in the reader's
# language when shown. Organisations have no Spanish name, so the name is shown as it is.
BADGE_MODERATOR, BADGE_LIAISON, BADGE_SIGNED = "moderator", "liaison", "signed"
BADGE_KINDS = (BADGE_MODERATOR, BADGE_LIAISON, BADGE_SIGNED)
BADGE_TEXTS = {
    BADGE_MODERATOR: pgettext_lazy("staff badge", "Moderator"),
    BADGE_LIAISON: pgettext_lazy("staff badge", "Liaison, %(name)s"),
    BADGE_SIGNED: pgettext_lazy("staff badge", "Signed by %(name)s"),
}


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts",
                               verbose_name=gettext_lazy("thread"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="forum_posts", verbose_name=gettext_lazy("author"))
    is_anonymous = models.BooleanField(default=False, verbose_name=gettext_lazy("is anonymous"))
    author_area = models.CharField(max_length=80, blank=True, verbose_name=gettext_lazy("author area"))
    body_source = models.TextField(verbose_name=gettext_lazy("body source"))
    body_html = models.TextField(verbose_name=gettext_lazy("body html"))
    visibility = models.CharField(max_length=20, choices=Visibility.choices,
                                  default=Visibility.VISIBLE, verbose_name=gettext_lazy("visibility"))
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("edited at"))
    # Badges later issues set: an official answer from a partner, and staff posting as staff.
    is_official_response = models.BooleanField(default=False,
                                               verbose_name=gettext_lazy("is official response"))
    official_partner = models.ForeignKey("partners.Partner", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+",
                                         verbose_name=gettext_lazy("official partner"))
    language = models.CharField(
        max_length=10, blank=True,
        help_text=gettext_lazy("The language the post is written in, detected when written "
                               "(portal/languages.py); empty when not known. Shown as the post's `lang`."),
        verbose_name=gettext_lazy("language"))
    staff_badge = models.CharField(max_length=80, blank=True,
                                   help_text=gettext_lazy("e.g. “Moderator”; empty for residents."),
                                   verbose_name=gettext_lazy("staff badge"))
    badge_kind = models.CharField(
        max_length=20, blank=True, choices=[(kind, kind) for kind in BADGE_KINDS],
        help_text="The staff badge, shown in the reader's language (BADGE_TEXTS); empty: none, or "
                  "an older post whose staff_badge (the badge in the site's language) is shown.")
    badge_name = models.CharField(max_length=120, blank=True,
                                  help_text="The badge's name: the liaison's organisation, or who "
                                            "signed an official answer.")

    objects = PostQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["thread", "visibility", "created_at", "id"],
                         name="forums_post_thread_order"),
            models.Index(fields=["visibility", "-created_at"], name="forums_post_latest"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body_source=""), name="forums_post_body_not_empty"),
        ]

    def __str__(self):
        return f"Post {self.pk} in {self.thread_id}"

    def get_absolute_url(self):
        return reverse("forums:post", args=[self.pk])

    @property
    def is_public(self):
        return self.visibility == Visibility.VISIBLE

    @property
    def staff_badge_text(self):
        """The staff badge in the current language ("Enlace, Policía de Riverton")."""
        if self.badge_kind in BADGE_TEXTS:
            return str(BADGE_TEXTS[self.badge_kind]) % {"name": self.badge_name}
        return self.staff_badge

    @property
    def public_author_name(self):
        if self.is_official_response and self.official_partner_id:
            return self.official_partner.name  # signed by the organisation (concerns, #5)
        return public_name(self.author, self.is_anonymous, self.author_area)


def public_name(author, is_anonymous, area):
    """What the public sees as the author: a display name, or "A resident of <area>", in the
    current language (`area` is the neighbourhood's name as stored when the post was written)."""
    if is_anonymous:
        if not area:
            return str(pgettext_lazy("author", "A resident"))
        return str(pgettext_lazy("author", "A resident of %(area)s")) % {"area": area_name(area)}
    return author.display_name


def area_name(area):
    """A neighbourhood's stored name in the current language: its Spanish name on a Spanish page
    when an editor gave it one (from the taxonomy cache, and only on such a page)."""
    from portal.languages import translated_code
    from portal.taxonomy import cached

    if not translated_code():
        return area
    names = cached.neighbourhood_names()
    for neighbourhood in cached.neighbourhoods():
        if neighbourhood.name == area:
            return names.get(neighbourhood.pk) or area
    return area


class PostRevision(models.Model):
    """An earlier version of a post, kept whenever it is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body_source = models.TextField()
    body_html = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    was_public = models.BooleanField(
        default=False, help_text=gettext_lazy("The public could read this version (the post and its thread "
                                 "were visible when it was replaced): readers may see it in the "
                                 "post's history, unless a moderator redacted the post later."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Revision of post {self.post_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Submission(models.Model):
    """The one-time token of a submitted form and the post it made: a second click or a reload
    with the same token finds the post instead of making another."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    post = models.ForeignKey(Post, null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"],
                                               name="forums_submission_once")]

    def __str__(self):
        return self.token


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_follows")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forums_follow_once")]

    def __str__(self):
        return f"{self.user_id} follows {self.thread_id}"


class ReadMarker(models.Model):
    """How far a resident has read a thread: the highest post id they have seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_markers")
    last_read_post_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forums_read_once")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} to {self.last_read_post_id}"


class Notification(models.Model):
    """New replies in a followed thread, one row per resident and thread until they read it.

    Further replies only raise `count`, so a busy thread makes one email, not one per reply."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_notifications")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    first_post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "read_at", "-updated_at"],
                                name="forums_notification_inbox")]
        constraints = [models.UniqueConstraint(fields=["user", "thread"],
                                               condition=Q(read_at__isnull=True),
                                               name="forums_one_unread_notification")]

    def __str__(self):
        return f"{self.count} new in {self.thread_id} for {self.user_id}"
