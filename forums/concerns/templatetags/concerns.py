from django import template

from ..panels import panel_for

register = template.Library()


@register.simple_tag(takes_context=True)
def concern_panel(context):
    """The concern of the thread on this page, with what the viewer may see and do (or None)."""
    thread = context.get("thread")
    request = context.get("request")
    if thread is None or request is None or thread.kind != "concern":
        return None
    return panel_for(request, thread)
