from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TaxonomyConfig(AppConfig):
    name = "portal.taxonomy"
    label = "taxonomy"
    verbose_name = gettext_lazy("Topics and neighbourhoods")

    def ready(self):
        from . import cached

        cached.connect()
