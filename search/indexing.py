"""Keeping the index current: signals schedule `sync` after the transaction commits; `sync` asks
the object's source whether it is public now and indexes or removes it in every engine. An engine
that fails, for any reason, records a PendingIndexUpdate, retried by `retry_pending()` (the
worker's periodic task, or `manage.py search_index retry`). An outage logs one line per engine
per minute, not a traceback per document. Posting and publishing never fail because of search."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.db import transaction
from django.db.models import F

from . import sources
from .engines import indexing_engines, log_outage

logger = logging.getLogger(__name__)
_paused = ContextVar("search_indexing_paused", default=False)


def schedule(source_label, object_id):
    """Re-index (or remove) one object once the current transaction has committed."""
    if _paused.get():
        return
    transaction.on_commit(partial(_enqueue, source_label, str(object_id)), robust=True)


@contextmanager
def paused():
    """Schedule no per-object updates inside this block, commits included: for a bulk load that
    ends with `rebuild()` (seed_demo), where one task per new post would redo the rebuild's work."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _enqueue(source_label, object_id):
    from .tasks import update_index

    try:
        update_index.enqueue(source_label, object_id)
    except Exception:  # the task queue being down must not break a publish or a post
        logger.exception("Could not queue a search index update for %s %s", source_label, object_id)
        record_failure("all", source_label, object_id, "could not queue the update")


def sync(source_label, object_id, engines=None):
    source = sources.get_source(source_label)
    if source is None:
        logger.warning("No search source for %s", source_label)
        return
    obj = source.public_object(object_id)
    document = source.build(obj) if obj is not None else None
    for engine in engines or indexing_engines():
        try:
            if document is None:
                engine.remove(source_label, object_id)
            else:
                engine.index(document)
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
            log_outage(engine.name, error, "index update(s) recorded for retry")
            record_failure(engine.name, source_label, object_id, f"{type(error).__name__}: {error}")
        else:
            _clear_failure(engine.name, source_label, object_id)
    from .spelling import forget_vocabulary

    forget_vocabulary()


def record_failure(engine_name, source_label, object_id, error):
    from .models import PendingIndexUpdate

    pending, created = PendingIndexUpdate.objects.get_or_create(
        engine=engine_name, source=source_label, object_id=object_id, defaults={"last_error": error[:300]}
    )
    if not created:
        PendingIndexUpdate.objects.filter(pk=pending.pk).update(
            attempts=F("attempts") + 1, last_error=error[:300]
        )


def _clear_failure(engine_name, source_label, object_id):
    from .models import PendingIndexUpdate

    PendingIndexUpdate.objects.filter(
        engine__in=[engine_name, "all"], source=source_label, object_id=object_id
    ).delete()


def retry_pending(limit=1000):
    """Apply the index updates that failed before. Returns how many are still pending."""
    from .models import PendingIndexUpdate

    engines = {engine.name: engine for engine in indexing_engines()}
    for pending in PendingIndexUpdate.objects.order_by("updated_at")[:limit]:
        targets = list(engines.values()) if pending.engine == "all" else [engines.get(pending.engine)]
        targets = [engine for engine in targets if engine is not None]
        if not targets:
            pending.delete()  # that engine is no longer configured
            continue
        sync(pending.source, pending.object_id, engines=targets)
    return PendingIndexUpdate.objects.count()


def all_documents():
    for source in sources.all_sources():
        for obj in source.queryset().iterator(chunk_size=500):
            yield source.build(obj)


def rebuild(engine):
    count = engine.rebuild(list(all_documents()))
    from .spelling import forget_vocabulary

    forget_vocabulary()
    return count


def index_object(obj):
    """Index `obj` now (or remove it if it is not public), whatever its source."""
    sync(source_label_for(obj), str(obj.pk))


def remove_object(obj):
    label = source_label_for(obj)
    for engine in indexing_engines():
        try:
            engine.remove(label, str(obj.pk))
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
            log_outage(engine.name, error, "index update(s) recorded for retry")
            record_failure(engine.name, label, str(obj.pk), f"{type(error).__name__}: {error}")


def source_label_for(obj):
    from wagtail.models import Page

    return sources.PAGE_LABEL if isinstance(obj, Page) else sources.label_of(obj)
