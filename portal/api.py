"""The Wagtail API v2 at /api/v2/: read-only pages (live and public only), images and documents
(only those a live, public page uses)."""

from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex


def documents_on_public_pages():
    """Ids of the documents a live page no view restriction covers refers to, as Wagtail's
    reference index records them (the page's live content: drafts are not indexed)."""
    public_page_ids = Page.objects.live().public().annotate(
        text_pk=Cast("pk", output_field=CharField())).values("text_pk")
    return ReferenceIndex.objects.filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page),
        object_id__in=public_page_ids,
        to_content_type=ReferenceIndex._get_base_content_type(get_document_model()),
    ).values("to_object_id")


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents in use on public pages: an uploaded but unused (or only drafted, or private)
    document is not listed, nor found by its id."""

    def get_queryset(self):
        return (super().get_queryset().annotate(text_pk=Cast("pk", output_field=CharField()))
                .filter(text_pk__in=documents_on_public_pages()))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

app_name = api_router.url_namespace
urlpatterns = api_router.get_urlpatterns()
