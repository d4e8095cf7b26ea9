from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Partner


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = gettext_lazy("Partners")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active", "neighbourhoods"]
    search_fields = ["name", "description"]
    search_backend_name = None  # plain ORM search: a small table, and it works on SQLite too


register_snippet(PartnerViewSet)
