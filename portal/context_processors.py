from django.utils.functional import SimpleLazyObject

from . import chrome, languages


def site_chrome(request):
    """What the base template needs on every page: crisis banner, menu, footer partners, languages. Read
    from the cache (portal/chrome.py), and only when a template uses it."""
    bundle = SimpleLazyObject(lambda: chrome.for_request(request))
    return {
        **{name: SimpleLazyObject(lambda name=name: bundle[name])
           for name in ("site_settings", "help_numbers", "emergency", "menu_pages", "footer_partners")},
        # This page in every language: the header's switcher and the head's hreflang links.
        "language_alternates": SimpleLazyObject(lambda: languages.alternates(request)),
    }
