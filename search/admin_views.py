"""The admin's search report: popular searches and searches that found nothing."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from .permissions import can_promote_results, can_see_search_report

REPORT_DAYS = 30
REPORT_ROWS = 30


def search_report(request):
    from wagtail.contrib.search_promotions.models import Query

    from .models import NoResultQuery

    if not can_see_search_report(request.user):
        raise PermissionDenied
    since = timezone.now().date() - timedelta(days=REPORT_DAYS)
    return render(request, "search/admin/search_report.html", {
        "page_title": gettext("Search report"),
        "header_icon": "search",
        "days": REPORT_DAYS,
        "popular": [
            (query.query_string, query._hits)
            for query in Query.get_most_popular(date_since=since)[:REPORT_ROWS]
        ],
        "no_results": NoResultQuery.objects.order_by("-hits", "-last_searched_at")[:REPORT_ROWS],
        "can_promote": can_promote_results(request.user),
    })
