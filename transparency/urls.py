"""Public figures and open data: the transparency dashboard's downloads and the Open311 read API."""

from django.urls import path, re_path

from . import open311, views

urlpatterns = [
    path("transparency/data/", views.data_dictionary, name="transparency_data"),
    path("transparency/data/concerns.csv", views.concerns_download, {"fmt": "csv"},
         name="transparency_concerns_csv"),
    path("transparency/data/concerns.json", views.concerns_download, {"fmt": "json"},
         name="transparency_concerns_json"),
    path("transparency/data/concerns-by-year.csv", views.concerns_download, {"fmt": "csv", "by": "year"},
         name="transparency_concerns_by_year_csv"),
    path("transparency/data/concerns-by-year.json", views.concerns_download, {"fmt": "json", "by": "year"},
         name="transparency_concerns_by_year_json"),
    path("transparency/data/response-times.csv", views.response_times_download, {"fmt": "csv"},
         name="transparency_response_times_csv"),
    path("transparency/data/response-times.json", views.response_times_download, {"fmt": "json"},
         name="transparency_response_times_json"),
    path("transparency/data/moderation.csv", views.moderation_download, {"fmt": "csv"},
         name="transparency_moderation_csv"),
    path("transparency/data/moderation.json", views.moderation_download, {"fmt": "json"},
         name="transparency_moderation_json"),
]

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
