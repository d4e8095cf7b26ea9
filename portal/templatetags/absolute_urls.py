from django import template
from django.templatetags.static import static

from portal import absolute

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url=None):
    """`url` (default: the page being served, without its query) at the site's public address."""
    request = context.get("request")
    if url is None:
        url = request.path if request is not None else "/"
    return absolute.absolute(str(url), request)


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    return absolute.absolute(static(path), context.get("request"))
