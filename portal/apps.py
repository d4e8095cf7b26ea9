from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = gettext_lazy("Common Ground")

    def ready(self):
        from . import chrome, routing, translations

        chrome.connect()
        routing.connect()
        translations.connect()
