"""Which changes re-index what. Pages: publishing, unpublishing, moving, privacy changes and
deletion. Other sources connect their own `change_signals` (see search/sources.py)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import forum_source, sources
from .indexing import schedule


def page_changed(sender, instance, **kwargs):
    schedule(sources.PAGE_LABEL, instance.pk)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule(sources.PAGE_LABEL, instance.pk)


def page_and_descendants_changed(page):
    # Moving a page or changing its privacy changes the URL or visibility of everything below it.
    page_ids = list(page.get_descendants(inclusive=True).values_list("pk", flat=True))
    for page_id in page_ids:
        schedule(sources.PAGE_LABEL, page_id)
    forum_source.pages_changed(page_ids)  # boards among them: their posts' visibility may change


def page_moved(sender, instance, **kwargs):
    page_and_descendants_changed(instance)


def privacy_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        page_and_descendants_changed(page)


def object_changed(sender, instance=None, **kwargs):
    label = sources.label_of(instance)
    if sources.get_source(label) is not None:
        schedule(label, instance.pk)


def connect():
    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
    post_delete.connect(page_deleted, dispatch_uid="search_page_deleted")
    post_save.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid="search_privacy_saved")
    post_delete.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid="search_privacy_deleted")
    for source in sources.all_sources():
        for signal in source.change_signals:
            uid = f"search_{source.label}_{id(signal)}"
            signal.connect(object_changed, sender=source.signal_sender, dispatch_uid=uid)
    forum_source.connect()
    from .models import SearchSynonym
    from .synonyms import forget_synonyms

    post_save.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="search_synonym_saved")
    post_delete.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="search_synonym_deleted")
