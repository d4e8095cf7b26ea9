"""sitemap.xml: live public pages, partners (and the threads forums/sitemaps.py adds), every
location at the site's public address (portal/absolute.py)."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from . import absolute
from .partners.models import Partner


class PublicAddressSitemap(WagtailSitemap):
    """A sitemap built per request (Wagtail's view passes it) whose locations use the public
    address. Subclasses list plain objects with Django's own URL building."""

    def get_protocol(self, protocol=None):
        return absolute.split(self.request)[0]

    def get_domain(self, site=None):
        return absolute.split(self.request)[1]

    def _urls(self, page, protocol, domain):
        return DjangoSitemap._urls(self, page, protocol, domain)

    def lastmod(self, obj):
        return None


class PageSitemap(PublicAddressSitemap):
    """Wagtail's page sitemap (live, public pages of the request's site), at the public address."""

    def _urls(self, page, protocol, domain):
        urls = WagtailSitemap._urls(self, page, protocol, domain)
        for url in urls:
            url["location"] = absolute.absolute(url["location"], self.request)
        return urls

    def lastmod(self, obj):
        return WagtailSitemap.lastmod(self, obj)


class PartnerSitemap(PublicAddressSitemap):
    def items(self):
        return Partner.objects.filter(is_active=True).order_by("name")

    def location(self, obj):
        return obj.get_absolute_url()
