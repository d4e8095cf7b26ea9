"""Admin views of the stories app."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy
from wagtail.admin.views.reports import PageReportView

from .models import ServicePage, site_now, stale_before
from .permissions import can_review_services


class StaleServicesReport(PageReportView):
    """Support services whose details nobody has checked for six months (or ever)."""

    page_title = gettext_lazy("Services to check")
    header_icon = "warning"
    index_url_name = "stories_stale_services"
    index_results_url_name = "stories_stale_services_results"
    list_export = [*PageReportView.list_export, "last_checked"]
    export_headings = {**PageReportView.export_headings, "last_checked": gettext_lazy("Last checked")}
    model = ServicePage
    results_template_name = "stories/admin/stale_services_results.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_review_services(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"services-to-check-{site_now():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = stale_services()
        return super().get_queryset()


def stale_services(today=None):
    cutoff = stale_before(today or site_now().date())
    return (
        ServicePage.objects.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=cutoff))
        .order_by("last_checked", "title")
    )
