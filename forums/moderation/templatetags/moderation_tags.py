"""Template tags for forum pages: the crisis help panel shown right after someone posts crisis
language. (Each post's moderation marks are worked out in bulk by the view: marks.py.)"""

from django import template

from portal import country

from ..policy import CRISIS_SESSION_KEY

register = template.Library()


@register.inclusion_tag("moderation/crisis_panel.html", takes_context=True)
def crisis_panel(context):
    request = context.get("request")
    session = getattr(request, "session", None) if request else None
    just_posted = bool(session is not None and session.pop(CRISIS_SESSION_KEY, False))
    show = just_posted or bool(context.get("overdose_now"))
    return {"show": show, "help_numbers": context.get("help_numbers", []),
            "emergency": context.get("emergency") or country.emergency()}
