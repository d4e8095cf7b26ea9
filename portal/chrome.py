"""The site chrome every page shows: site settings (name, crisis banner, contact), the crisis help
numbers, the main menu and the footer's partners.

It is the same for every visitor of a site, so it is read from the cache (one entry holding every
site's) and built from the database only when missing. Anything that could change what it shows
(a menu page or a footer page, such as the community rules, published, unpublished, saved or
deleted, any page moved, a view restriction, the site settings, a partner, a site) clears it at
once and again after the transaction commits, so no request can put back what was there before.
The short timeout is a safety net: for changes made around the ORM, and for deployments without
REDIS_URL, where each process has its own cache and a change made in another process (a second
web worker, the publish_scheduled timer) cannot clear it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import country
from .caching import CachedValue
from .models import HelpNumber, SiteSettings, default_help_numbers
from .partners.models import Partner

FOOTER_PAGES = ("community_rules_page", "privacy_page", "accessibility_page", "help_page")
# {site id: chrome}, one build a minute per site however busy the site is; one key, so clearing
# it needs no query.
CHROME = CachedValue("portal:chrome:v2", 60, models=(PageViewRestriction, SiteSettings, HelpNumber,
                                                    Partner, Site))


@dataclass(slots=True)
class MenuItem:
    title: str
    url: str
    url_path: str  # to mark the current section with aria-current
    # The live translations of the page: {language code: (title, url_path)}, so the menu of a
    # Spanish page names it in Spanish and marks the section it is in.
    translations: dict = field(default_factory=dict)

    def title_in(self, language):
        return self.translations.get(language, (self.title, ""))[0]

    def is_page(self, url_path):
        """Is the page at `url_path` this item's page, in any language?"""
        return url_path in (self.url_path, *(path for _title, path in self.translations.values()))


def for_request(request):
    """{site_settings, help_numbers, menu_pages, footer_partners} for the request's site."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_settings": SiteSettings(), "help_numbers": _help_numbers(SiteSettings()),
                "emergency": country.emergency(), "menu_pages": [], "footer_partners": _footer_partners()}
    by_site = CHROME.get(dict)
    if site.pk not in by_site:
        by_site[site.pk] = _build(request, site)
        CHROME.set(by_site)
    return by_site[site.pk]


def _build(request, site):
    site_settings = SiteSettings.for_site(site)
    for name in FOOTER_PAGES:  # loaded now so the cached copy carries them
        getattr(site_settings, name)
    return {
        "site_settings": site_settings,
        "help_numbers": _help_numbers(site_settings),
        "emergency": country.emergency(site_settings),
        "menu_pages": _menu(request, site),
        "footer_partners": _footer_partners(),
    }


def _help_numbers(site_settings):
    numbers = list(site_settings.help_numbers.all()) if site_settings.pk else []
    return numbers or [HelpNumber(label=label, number=number, hours=hours)
                       for label, number, hours in default_help_numbers()]


def _menu(request, site):
    """Addresses in the site's language (unprefixed), whatever the language of the request that
    builds the cached copy; base.html puts them in the page's (portal/languages.py `localised`)."""
    pages = list(site.root_page.get_children().live().in_menu().public().specific(defer=True))
    translations = {}
    for key, language, title, url_path in (
            Page.objects.live()  # only their titles: the item links where the English page is
            .filter(translation_key__in=[page.translation_key for page in pages])
            .exclude(locale_id=site.root_page.locale_id)
            .values_list("translation_key", "locale__language_code", "title", "url_path")):
        translations.setdefault(key, {})[language] = (title, url_path)
    with translation.override(settings.LANGUAGE_CODE):
        return [MenuItem(title=page.title, url=page.get_url(request=request), url_path=page.url_path,
                         translations=translations.get(page.translation_key, {}))
                for page in pages]


def _footer_partners():
    return list(Partner.objects.filter(is_active=True).only("name", "slug"))


def clear():
    CHROME.clear()


def _changed(**kwargs):
    CHROME.clear_now_and_on_commit()


def _page_changed(sender, instance=None, **kwargs):
    if isinstance(instance, Page) and _in_chrome(instance):
        _changed()


def _in_chrome(page):
    """Could a change to `page` change the chrome? True for a site's root page and its children
    (the menu), and for the community rules page and its ancestors (its address). Pages deeper
    in the tree, such as events and reports, are published without clearing it."""
    roots = {root.root_path for root in Site.get_site_root_paths()}  # url paths, e.g. "/home/"
    parent = page.url_path[:page.url_path.rstrip("/").rfind("/") + 1]
    if page.url_path in roots or parent in roots:
        return True
    footer = Q()
    for name in FOOTER_PAGES:
        footer |= Q(**{f"{name}__path__startswith": page.path})
    return SiteSettings.objects.filter(footer).exists()


def connect():
    """Called once from the portal app's ready()."""
    page_published.connect(_page_changed, dispatch_uid="portal.chrome.published")
    page_unpublished.connect(_page_changed, dispatch_uid="portal.chrome.unpublished")
    post_page_move.connect(_changed, dispatch_uid="portal.chrome.moved")  # rare: always
    post_save.connect(_page_changed, dispatch_uid="portal.chrome.page_saved")  # every Page type
    post_delete.connect(_page_changed, dispatch_uid="portal.chrome.page_deleted")
    CHROME.connect()
