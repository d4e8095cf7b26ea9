"""Admin: the search report (popular searches and searches with no results) in the Reports menu.
Promoted results are Wagtail's own 'Promoted search results' (search_promotions)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_see_search_report


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search/", admin_views.search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_search_report(request.user)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem("Search report", reverse("search_report"), icon_name="search", order=950)
