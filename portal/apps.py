from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = "Common Ground"

    def ready(self):
        from . import chrome, routing, translations

        chrome.connect()
        routing.connect()
        translations.connect()
