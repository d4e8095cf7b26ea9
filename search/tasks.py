"""Background index updates. Each task reads the object's current state, so running it twice, late,
or after a later change is harmless."""

import logging

from django.tasks import task

from . import indexing

logger = logging.getLogger(__name__)


@task()
def update_index(source_label, object_id):
    try:
        indexing.sync(source_label, str(object_id))
    except Exception as error:  # noqa: BLE001 - recorded for the retry
        # Reading the object failed (a database error, say): keep the update for the retry. If
        # even that cannot be written, the task fails and the worker runs it again.
        logger.warning("Search index update for %s %s failed (%s); recorded for retry",
                       source_label, object_id, error)
        indexing.record_failure("all", source_label, str(object_id), f"{type(error).__name__}: {error}")


@task()
def retry_pending_updates():
    indexing.retry_pending()
