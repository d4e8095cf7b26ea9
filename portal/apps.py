from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = "Common Ground"

    def ready(self):
        from . import chrome, routing

        chrome.connect()
        routing.connect()
