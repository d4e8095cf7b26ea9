"""The review queue's dense rows: the columns of the Wagtail listing (thread title and an excerpt
with each finding marked, reason, board, age, the author's standing) and the inline action forms.
The queries are made once per page: the listing's queryset brings every row's post, thread,
board, author, standing and count of earlier rejections."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from portal import country

from . import detection, notes, policy
from .models import ReviewItem, ReviewReason, ReviewStatus, Sanction

EXCERPT_CHARS = 220
SUSPEND_DAYS = (1, 7, 30)


def queue_queryset():
    """Every review item with what its row shows, in the queue's order (urgent first, oldest first)."""
    rejected = ReviewItem.objects.filter(post__author=OuterRef("post__author"),
                                         status=ReviewStatus.REJECTED).order_by().values(
        "post__author").annotate(n=Count("pk")).values("n")
    # the author's active sanction, suspension before silence ("suspended" > "silenced")
    sanction = Sanction.objects.active().filter(user=OuterRef("post__author")).order_by(
        "-kind").values("kind")[:1]
    return (ReviewItem.objects.for_queue()
            .select_related("post__author__moderation_standing", "resolved_by")
            .annotate(author_rejections=Subquery(rejected, output_field=IntegerField()),
                      author_sanction=Subquery(sanction)))


def excerpt_parts(text, options):
    """An excerpt of `text` (as readers see it) cut into parts, each finding of the detector its
    own part with its label: [{"text"}, {"text", "label"}, ...]. The excerpt starts a little
    before the first finding, so what held the post is in view."""
    text = detection.readable(text)
    findings = sorted(detection.scan(text, **options), key=lambda f: f.start)
    start = max(0, findings[0].start - 60) if findings else 0
    end = max(start + EXCERPT_CHARS, findings[-1].end if findings else 0)
    end = min(end, start + EXCERPT_CHARS * 2, len(text))
    parts, at = [], start
    if start:
        parts.append({"text": "…"})
    for finding in findings:
        if finding.start < at or finding.end > end:
            continue
        parts += [{"text": text[at:finding.start]},
                  {"text": text[finding.start:finding.end], "label": notes.kind_label(finding.kind),
                   "kind": finding.kind, "redactable": finding.kind in detection.PERSONAL_KINDS}]
        at = finding.end
    parts.append({"text": text[at:end] + ("…" if end < len(text) else "")})
    return parts


def _detector_options(request):
    """The deployment's options for the detector, worked out once per page."""
    if not hasattr(request, "_moderation_detector_options"):
        request._moderation_detector_options = {
            "country": country.code(), "service_numbers": policy.service_numbers()}
    return request._moderation_detector_options


def _canned_reasons(request):
    if not hasattr(request, "_moderation_canned_reasons"):
        request._moderation_canned_reasons = policy.current_settings().canned_reason_list
    return request._moderation_canned_reasons


class PostColumn(TitleColumn):
    """The thread's title (a link to the moderation page) and the post's excerpt, findings marked."""

    cell_template_name = "moderation/admin/queue_post_cell.html"

    def __init__(self):
        super().__init__("post", label=gettext_lazy("Post"), accessor=lambda item: item.post.thread.title,
                         get_url=lambda item: reverse("moderation_post", args=[item.post_id]),
                         get_title_id=lambda item: f"snippet_{item.pk}_title",
                         sort_key="post__thread__title")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["item"] = instance
        context["excerpt"] = _excerpt(instance, request)
        context["redactable"] = [part for part in context["excerpt"] if part.get("redactable")]
        if context["redactable"]:
            context.update(_row_form_context(instance, request, parent_context))
        return context


def _excerpt(item, request):
    """The row's excerpt, worked out once for the row's columns."""
    if not hasattr(item, "_queue_excerpt"):
        item._queue_excerpt = excerpt_parts(item.post.body_source, _detector_options(request))
    return item._queue_excerpt


def _row_form_context(item, request, parent_context):
    """What a row's forms need: the CSRF token (Wagtail renders a cell's template with a plain
    dict, so {% csrf_token %} has nothing to print otherwise and every POST from a browser is
    refused), the listing to come back to and the item to look at next."""
    return {"csrf_token": get_token(request) if request else "",
            "back": request.get_full_path() if request else "",
            "claimed_by_other": bool(item.claimed_by_id and request
                                     and item.claimed_by_id != request.user.pk),
            "next_item": _next_row(parent_context)}


class TemplateColumn(Column):
    """A column whose cell is a small template given the row's item."""

    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["item"] = instance
        return context


class ActionsColumn(TemplateColumn):
    """Approve / Reject / Hide / Suspend as small forms that come back to the same listing."""

    def __init__(self):
        super().__init__("actions", "moderation/admin/queue_actions_cell.html", label=gettext_lazy("Actions"))

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context.update({
            "canned_reasons": _canned_reasons(request),
            "suspend_days": SUSPEND_DAYS,
            "has_findings": instance.reason == ReviewReason.PERSONAL_DATA or any(
                part.get("redactable") for part in _excerpt(instance, request)),
            **_row_form_context(instance, request, parent_context),
        })
        return context


def _next_row(parent_context):
    """The item the moderator looks at after this one: the row below, or above for the last."""
    rows, index = list(parent_context["table"].data), parent_context["row"].index
    for other in (index + 1, index - 1):
        if 0 <= other < len(rows):
            return rows[other].pk
    return None


def columns():
    return [
        PostColumn(),
        TemplateColumn("summary", "moderation/admin/queue_reason_cell.html", label=gettext_lazy("Reason"),
                       sort_key="reason"),
        Column("board", label=gettext_lazy("Board"), accessor=lambda item: item.post.thread.board.title,
               sort_key="post__thread__board__title"),
        TemplateColumn("created_at", "moderation/admin/queue_age_cell.html", label=gettext_lazy("Waiting"),
                       sort_key="created_at"),
        TemplateColumn("author", "moderation/admin/queue_author_cell.html", label=gettext_lazy("Author")),
        ActionsColumn(),
    ]
