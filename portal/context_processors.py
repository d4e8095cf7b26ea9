from django.utils.functional import SimpleLazyObject

from . import chrome


def site_chrome(request):
    """What the base template needs on every page: crisis banner, menu, footer partners. Read
    from the cache (portal/chrome.py), and only when a template uses it."""
    bundle = SimpleLazyObject(lambda: chrome.for_request(request))
    return {
        name: SimpleLazyObject(lambda name=name: bundle[name])
        for name in ("site_settings", "help_numbers", "emergency", "menu_pages", "footer_partners")
    }
