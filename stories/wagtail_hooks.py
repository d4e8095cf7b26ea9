from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import can_review_services
from .views import StaleServicesReport


class StaleServicesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_review_services(request.user)


@hooks.register("register_admin_urls")
def register_stale_services_report_urls():
    return [
        path("reports/services-to-check/", StaleServicesReport.as_view(),
             name="stories_stale_services"),
        path("reports/services-to-check/results/",
             StaleServicesReport.as_view(results_only=True),
             name="stories_stale_services_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_stale_services_menu_item():
    return StaleServicesMenuItem(
        gettext_lazy("Services to check"), reverse("stories_stale_services"), name="services-to-check",
        icon_name="warning", order=950,
    )
