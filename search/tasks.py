"""Background index updates. Each task reads the object's current state, so running it twice, late,
or after a later change is harmless."""

from django.tasks import task

from . import indexing


@task()
def update_index(source_label, object_id):
    indexing.sync(source_label, str(object_id))


@task()
def retry_pending_updates():
    indexing.retry_pending()
