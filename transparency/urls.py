"""Public figures and open data: the transparency dashboard's downloads and the Open311 read API."""

from django.urls import path

from . import views

urlpatterns = [
    path("transparency/data/", views.data_dictionary, name="transparency_data"),
    path("transparency/data/concerns.csv", views.concerns_download, {"fmt": "csv"},
         name="transparency_concerns_csv"),
    path("transparency/data/concerns.json", views.concerns_download, {"fmt": "json"},
         name="transparency_concerns_json"),
    path("transparency/data/moderation.csv", views.moderation_download, {"fmt": "csv"},
         name="transparency_moderation_csv"),
    path("transparency/data/moderation.json", views.moderation_download, {"fmt": "json"},
         name="transparency_moderation_json"),
]
