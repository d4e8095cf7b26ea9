"""Pages in more than one language (issue 19): each page once, in the reader's language.

A translated page is a page of its own in the Spanish tree, with the same `translation_key` as its
original. Lists that gather pages from anywhere (upcoming events on the home page, a calendar,
report listings, feeds, figures) would show an event twice, once in each language, and a Spanish
list would miss what nobody has translated yet. `localized()` keeps one page per translation key:
the one in the current language where it is live, else the one in the site's language. No extra
query: a join on the locale and one NOT EXISTS subquery.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import translation


def _content_language(code):
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def current_language():
    """The content language of the current request ("en", "es")."""
    return _content_language(translation.get_language() or settings.LANGUAGE_CODE)


def default_language():
    return _content_language(settings.LANGUAGE_CODE)


def localized(queryset, language=None):
    """`queryset` (pages) with each page once: in `language` (default: the current one) where
    that translation is live, else in the site's language. Pages that exist only in some third
    language are left out."""
    from wagtail.models import Page

    language = language or current_language()
    default = default_language()
    if language == default:
        return queryset.filter(locale__language_code=default)
    translated = Page.objects.filter(translation_key=OuterRef("translation_key"), live=True,
                                     locale__language_code=language)
    return queryset.filter(Q(locale__language_code=language)
                           | Q(locale__language_code=default) & ~Exists(translated))


def once_per_translation(queryset):
    """`queryset` with one page per translation key whatever the request's language (figures
    that count events or reports): the site's language's version."""
    return localized(queryset, default_language())


def under(queryset, page):
    """Pages of `queryset` below `page` or below any of its translations (a Spanish calendar
    lists the events nobody has translated yet), each once in the current language."""
    from django.db.models import Q as Where

    roots = list(page.get_translations(inclusive=True).values_list("path", "depth"))
    where = Where()
    for path, depth in roots:
        where |= Where(path__startswith=path, depth__gt=depth)
    return localized(queryset.filter(where))


def path_for_reader(page_path):
    """A page's address for the current reader. Wagtail gives a page of the site's language, read
    on a Spanish page, the English prefix (/en/...: a second address for every English page, and
    it takes the reader out of Spanish). Such a page is instead linked under the reader's prefix
    (/es/...), where portal/routing.py serves it from the site's tree until it is translated."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    listed = [listed_code for listed_code, _name in settings.LANGUAGES]
    if code not in listed or code == default_language() or page_path.startswith(f"/{code}/"):
        return page_path
    default_prefix = f"/{default_language()}/"
    if page_path.startswith(default_prefix):
        return f"/{code}/" + page_path[len(default_prefix):]
    if not any(page_path.startswith(f"/{other}/") for other in listed):
        return f"/{code}" + page_path  # unprefixed: the site's language
    return page_path  # a page of another language's own tree


def connect():
    """Called once from the portal app's ready(): every page's address (Wagtail's Page, so plain
    Page objects such as menu entries too, not only our page models) follows path_for_reader()."""
    from wagtail.models import Page

    original = Page.get_url_parts
    if getattr(original, "follows_reader", False):
        return

    def get_url_parts(self, request=None):
        parts = original(self, request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        return site_id, root_url, path_for_reader(page_path)

    get_url_parts.follows_reader = True
    Page.get_url_parts = get_url_parts
