from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Landmark, Neighbourhood, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "name_es", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "site"
    list_display = ["name", "name_es", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class LandmarkViewSet(SnippetViewSet):
    """Places residents choose from when they say where a concern happened."""

    model = Landmark
    icon = "site"
    list_display = ["name", "kind", "neighbourhood", "is_active"]
    list_filter = ["kind", "neighbourhood", "is_active"]
    search_fields = ["name"]
    search_backend_name = None


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Taxonomy")
    menu_icon = "tag"
    menu_order = 310
    items = (TopicViewSet, NeighbourhoodViewSet, LandmarkViewSet)


register_snippet(TaxonomyGroup)
