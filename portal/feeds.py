"""RSS and Atom feeds whose links use the site's public address (portal/absolute.py), not
whatever Host header reached this process."""

from django.contrib.syndication.views import Feed

from . import absolute


class PublicAddressFeed(Feed):
    def get_feed(self, obj, request):
        return super().get_feed(obj, _AtPublicAddress(request))


class _AtPublicAddress:
    """The request as Django's feed code reads it (host, scheme), at the public address."""

    def __init__(self, request):
        self._request = request
        self._scheme, self._host = absolute.split(request)

    def get_host(self):
        return self._host

    def is_secure(self):
        return self._scheme == "https"

    def __getattr__(self, name):
        return getattr(self._request, name)
