"""The site's public address, for every absolute link: sitemap, feeds, Open Graph, API, emails.

In development (DEBUG) a request is answered with the address it came to, so links work whatever
host and port `runserver` listens on. Otherwise `BASE_URL` when it is set, else the Wagtail site's
root URL (hostname and port as set in Settings → Sites). Without a request (emails sent by the
worker) the same rule applies with the default site.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def base_url(request=None):
    """scheme://host[:port] without a trailing slash."""
    if request is not None and settings.DEBUG:
        return f"{request.scheme}://{request.get_host()}"
    if getattr(settings, "BASE_URL", ""):
        return settings.BASE_URL.rstrip("/")
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url, request=None):
    """`url` (a path, or a full URL whose address is replaced) at the site's public address."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    if parts.fragment:
        path += f"#{parts.fragment}"
    return base_url(request) + path


def split(request=None):
    """(scheme, host) of the public address, for Django's sitemaps and feeds."""
    parts = urlsplit(base_url(request))
    return parts.scheme, parts.netloc
