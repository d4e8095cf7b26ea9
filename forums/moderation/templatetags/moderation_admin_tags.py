"""Template tags for the review queue in the Wagtail admin: its tabs and its bulk-action buttons."""

from django import template
from django.utils.html import format_html, format_html_join
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices

register = template.Library()

TABS = (("", "Waiting"), ("mine", "Claimed by me"), ("resolved", "Resolved"))


@register.simple_tag(takes_context=True)
def queue_tabs(context):
    """Links to the waiting items, the caller's claimed ones and the resolved ones; the current
    tab says so to screen readers too."""
    request = context["request"]
    current = request.GET.get("status", "")
    items = []
    for value, label in TABS:
        url = request.path + (f"?status={value}" if value else "")
        if value == current:
            items.append(format_html('<li><a href="{}" aria-current="page">{}</a></li>', url, label))
        else:
            items.append(format_html('<li><a href="{}">{}</a></li>', url, label))
    return format_html('<ul class="moderation-queue__tablist">{}</ul>',
                       format_html_join("", "{}", ((item,) for item in items)))


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def review_bulk_action_choices(context):
    """Wagtail's bulk-action buttons for review items without "Delete": nobody may delete a
    review item (its permission policy refuses), so the button could never work."""
    choices = bulk_action_choices(context, "moderation", "reviewitem")
    choices["buttons"] = [button for button in choices["buttons"]
                          if not button.url.rstrip("/").endswith("/delete")]
    return choices
