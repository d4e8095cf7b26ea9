from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from . import forum_source, partner_source, signals

        forum_source.register()
        partner_source.register()
        signals.connect()
