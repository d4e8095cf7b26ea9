"""The task worker an operator runs beside the web processes (`manage.py worker`).

It is django-tasks-db's `db_worker`, supervised:

- **A database blip does not end it.** A connection error waits (1, 2, 4 ... 30 s), reconnects
  and carries on, logging once when the database goes and once when it is back. Tasks this
  worker had claimed when the error struck are queued again.
- **Nothing is left RUNNING by a dead worker.** Each worker writes a heartbeat
  (`WorkerHeartbeat`) every `WORKER_HEARTBEAT_SECONDS` from a thread of its own, so a long task
  does not stop it. A task still RUNNING under a worker whose heartbeat is older than
  `WORKER_DEAD_AFTER_SECONDS` (killed, machine lost) is queued again; tasks are idempotent, so
  they run at least once. A task claimed by a plain `db_worker` (no heartbeat) is queued again
  after `WORKER_TASK_TIMEOUT_SECONDS`.
- **It runs the periodic jobs** (settings.PERIODIC_TASKS: outbox retry, concern digests and
  escalation, event reminders, scheduled publishing, search index retry): the heartbeat thread
  enqueues each task when its interval has passed, at most once per interval however many
  workers run (the `PeriodicJob` row is locked while it is claimed). No cron lines are needed.
- **A task whose row disappears does not end it.** A task result deleted while its task ran
  (pruned by staff or a clean-up, the database emptied) leaves its result nowhere to go:
  db_worker raises out of its loop; this worker logs it and takes the next task.
"""

import contextlib
import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import PeriodicJob, WorkerHeartbeat

logger = logging.getLogger("portal.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)
MAX_WAIT_SECONDS = 30


class SupervisedWorker(Worker):
    def run(self):
        self._start_heartbeat()
        wait = 1
        outage_since = None
        while self.running:
            try:
                super().run()
                return
            except DATABASE_ERRORS as error:
                if outage_since is None:
                    outage_since = time.monotonic()
                    logger.error("Database unavailable (%s); the worker waits and reconnects", error)
                _close_connection()
                time.sleep(wait)
                wait = min(wait * 2, MAX_WAIT_SECONDS)
                if _database_answers():
                    logger.warning("Database is back after %.0f s; the worker carries on",
                                   time.monotonic() - outage_since)
                    requeue_own(self.worker_id)
                    outage_since, wait = None, 1

    def run_task(self, db_task_result):
        try:
            super().run_task(db_task_result)
        except DBTaskResult.NotUpdated:
            logger.warning("Task %s (%s) was deleted while it ran; its result is dropped",
                           db_task_result.id, db_task_result.task_path)

    def _start_heartbeat(self):
        thread = threading.Thread(target=self._beat_forever, name="worker-heartbeat", daemon=True)
        thread.start()

    def _beat_forever(self):
        started = timezone.now()
        while self.running:
            try:
                beat(self.worker_id, started)
                requeue_abandoned()
                schedule_periodic_tasks()
            except DATABASE_ERRORS:
                _close_connection()  # the main loop logs the outage
            except Exception:
                logger.exception("Worker heartbeat failed")
            finally:
                close_old_connections()
            time.sleep(settings.WORKER_HEARTBEAT_SECONDS)


def _close_connection():
    with contextlib.suppress(Exception):  # a broken connection may fail to close; it is dropped
        connection.close()


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DATABASE_ERRORS:
        _close_connection()
        return False


def beat(worker_id, started):
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id,
                                             defaults={"beat_at": timezone.now()},
                                             create_defaults={"started_at": started,
                                                              "beat_at": timezone.now()})


def requeue_abandoned(now=None):
    """Queue again the tasks left RUNNING by workers that stopped. Returns how many."""
    now = now or timezone.now()
    alive = set(WorkerHeartbeat.objects.filter(
        beat_at__gte=now - timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS))
        .values_list("worker_id", flat=True))
    known = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    timeout = now - timedelta(seconds=settings.WORKER_TASK_TIMEOUT_SECONDS)
    abandoned = []
    for task_id, worker_ids, started_at in DBTaskResult.objects.running().values_list(
            "id", "worker_ids", "started_at"):
        owner = worker_ids[-1] if worker_ids else None
        if owner in alive:
            continue
        if owner in known or (started_at and started_at < timeout):
            abandoned.append(task_id)
    requeued = _requeue(DBTaskResult.objects.running().filter(id__in=abandoned))
    if requeued:
        logger.warning("Queued again %s task(s) left running by a worker that stopped", requeued)
    WorkerHeartbeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return requeued


def requeue_own(worker_id):
    """After a database outage: this worker is running nothing, so any task still RUNNING under
    its id was interrupted (its result could not be written) and is queued again."""
    ids = [task_id for task_id, worker_ids in DBTaskResult.objects.running().values_list("id", "worker_ids")
           if worker_ids and worker_ids[-1] == worker_id]
    return _requeue(DBTaskResult.objects.running().filter(id__in=ids))


def _requeue(tasks):
    return tasks.update(status="READY", started_at=None)


def schedule_periodic_tasks(now=None):
    """Enqueue each periodic task whose interval has passed. Returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, (task_path, seconds) in settings.PERIODIC_TASKS.items():
        PeriodicJob.objects.get_or_create(name=name)
        with transaction.atomic():
            job = (PeriodicJob.objects.select_for_update(skip_locked=True)
                   .filter(name=name).first())
            recent = now - timedelta(seconds=seconds)
            if job is None or (job.last_started_at and job.last_started_at > recent):
                continue
            import_string(task_path).enqueue()
            job.last_started_at = now
            job.save(update_fields=["last_started_at"])
        enqueued.append(name)
    return enqueued


def state(now=None):
    """For /healthz: the latest heartbeat's age, the oldest queued task's age, how many wait."""
    now = now or timezone.now()
    latest = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    heartbeat_age = int((now - latest).total_seconds()) if latest else None
    return {
        "ok": heartbeat_age is not None and heartbeat_age <= settings.WORKER_DEAD_AFTER_SECONDS,
        "last_heartbeat_seconds": heartbeat_age,
        "queued": ready.count(),
        "oldest_queued_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "running": DBTaskResult.objects.running().count(),
    }
