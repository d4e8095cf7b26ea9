from django import template
from django.utils import translation

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


@register.filter
def menu_title(item):
    """A menu item's title in the page's language (its translation's), else as the site has it."""
    return item.title_in((translation.get_language() or "").split("-")[0])


@register.filter
def is_menu_page(item, page):
    """Is `page` (None off Wagtail's pages) this menu item's page, in any language?"""
    return bool(page and getattr(page, "url_path", None) and item.is_page(page.url_path))
