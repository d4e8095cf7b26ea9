from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import DEFAULT_HELP_NUMBERS, HelpNumber, SiteSettings
from .partners.models import Partner


def _site_settings(request):
    site = Site.find_for_request(request)
    return SiteSettings.for_site(site) if site else SiteSettings()


def _help_numbers(site_settings):
    numbers = list(site_settings.help_numbers.all()) if site_settings.pk else []
    return numbers or [HelpNumber(label=label, number=number, hours=hours)
                       for label, number, hours in DEFAULT_HELP_NUMBERS]


def _menu_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().public().specific(defer=True))


def site_chrome(request):
    """What the base template needs on every page: crisis banner, menu, footer partners."""
    site_settings = SimpleLazyObject(lambda: _site_settings(request))
    return {
        "site_settings": site_settings,
        "help_numbers": SimpleLazyObject(lambda: _help_numbers(site_settings)),
        "menu_pages": SimpleLazyObject(lambda: _menu_pages(request)),
        "footer_partners": SimpleLazyObject(
            lambda: list(Partner.objects.filter(is_active=True).only("name", "slug"))
        ),
    }
