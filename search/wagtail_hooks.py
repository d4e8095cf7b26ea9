"""Admin: the search report (popular searches and searches with no results) in the Reports menu.
Promoted results are Wagtail's own 'Promoted search results' (search_promotions)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import SearchSynonym
from .permissions import can_see_search_report


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search/", admin_views.search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_search_report(request.user)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(gettext_lazy("Search report"), reverse("search_report"), icon_name="search",
                                order=950)


class SearchSynonymViewSet(SnippetViewSet):
    """Settings → Search synonyms: editors keep the words residents use for what the site calls
    otherwise; searches use them at once (search/synonyms.py)."""

    model = SearchSynonym
    icon = "search"
    menu_label = gettext_lazy("Search synonyms")
    add_to_settings_menu = True
    list_display = ["word", "synonyms", "both_ways"]
    search_fields = ["word", "synonyms"]
    ordering = ["word"]


register_snippet(SearchSynonymViewSet)
