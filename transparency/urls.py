"""Public figures and open data: the transparency dashboard's downloads and the Open311 read API."""

from django.urls import re_path

from . import open311

urlpatterns = []

# Open311 GeoReport v2 (read only). The format suffix is captured so .xml gets the spec's error.
FORMAT = r"\.(?P<fmt>[A-Za-z0-9]+)$"
urlpatterns += [
    re_path(r"^open311/v2/discovery" + FORMAT, open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FORMAT, open311.services, name="open311_services"),
    re_path(r"^open311/v2/services/(?P<code>[-\w]+)" + FORMAT, open311.service_definition,
            name="open311_service"),
    re_path(r"^open311/v2/requests" + FORMAT, open311.service_requests, name="open311_requests"),
    re_path(r"^open311/v2/requests/(?P<request_id>[^/]+?)" + FORMAT, open311.request_detail,
            name="open311_request"),
    re_path(r"^open311/(?P<rest>.*)$", open311.not_found),
]
