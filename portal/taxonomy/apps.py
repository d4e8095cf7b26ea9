from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "portal.taxonomy"
    label = "taxonomy"
    verbose_name = "Topics and neighbourhoods"

    def ready(self):
        from . import cached

        cached.connect()
