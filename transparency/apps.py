from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = gettext_lazy("Transparency")

    def ready(self):
        from portal.sections import register_section

        from . import sections

        register_section("partner", "transparency/includes/partner_figures.html",
                         sections.partner_figures, order=10)
