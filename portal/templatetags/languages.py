from django import template

from portal import languages

register = template.Library()


@register.filter
def localised(url):
    """A local address in the page's language: `{{ item.url|localised }}`."""
    return languages.localised(url)


@register.simple_tag
def html_lang():
    """The current language as a BCP 47 tag for `<html lang>` (en-GB, es)."""
    return languages.html_lang()
