from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class PartnersConfig(AppConfig):
    name = "portal.partners"
    label = "partners"
    verbose_name = gettext_lazy("Partner organisations")
