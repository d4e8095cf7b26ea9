"""iCalendar files under the pages' own addresses: `<calendar>/feed.ics`, `<event>/event.ics`.

Wagtail's page routes end in a slash, so these are matched here and handed to the page."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)(?P<name>feed|event)\.ics$", views.ics_file, name="events_ics"),
]
