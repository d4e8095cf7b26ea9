"""The worker's bookkeeping (heartbeats, tasks of dead workers, periodic tasks), what /healthz
reports about it and the outbox, and the 400 for hostile query strings."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from portal import emails, worker
from portal.models import OutboxEmail, WorkerHeartbeat

OUTBOX = {"default": {"BACKEND": "portal.emails.OutboxBackend"}}

pytestmark = pytest.mark.django_db


def running_task(worker_id, started_ago=timedelta(seconds=5)):
    return DBTaskResult.objects.create(
        status="RUNNING", args_kwargs={"args": [], "kwargs": {}}, task_path="portal.tasks.retry_outbox",
        backend_name="default", run_after=get_date_max(), worker_ids=[worker_id],
        started_at=timezone.now() - started_ago)


def test_tasks_of_a_dead_worker_are_queued_again_and_a_live_workers_are_not():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=now, beat_at=now)
    WorkerHeartbeat.objects.create(worker_id="killed", started_at=now - timedelta(hours=1),
                                   beat_at=now - timedelta(seconds=61))
    alive, killed = running_task("alive"), running_task("killed")
    plain_recent = running_task("db-worker-without-heartbeat")
    plain_old = running_task("db-worker-without-heartbeat", started_ago=timedelta(minutes=16))

    assert worker.requeue_abandoned() == 2

    status = dict(DBTaskResult.objects.values_list("id", "status"))
    assert (status[alive.id], status[killed.id]) == ("RUNNING", "READY")
    assert (status[plain_recent.id], status[plain_old.id]) == ("RUNNING", "READY")


@pytest.mark.django_db(transaction=True)  # the worker's autocommit: a failed save is its own
def test_a_task_whose_row_is_deleted_while_it_runs_does_not_end_the_worker(caplog):
    gone = running_task("w1")
    DBTaskResult.objects.filter(pk=gone.pk).delete()  # pruned by staff, the database emptied
    supervised = worker.SupervisedWorker(
        queue_names=["default"], interval=0.1, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="w1", excluded_queue_names=[])

    supervised.run_task(gone)  # db_worker raises NotUpdated out of its loop here, and exits

    assert not DBTaskResult.objects.exists()
    assert supervised.running_task is False
    assert f"Task {gone.id} ({gone.task_path}) was deleted while it ran" in caplog.text


def test_each_periodic_task_is_enqueued_once_per_interval(settings):
    settings.PERIODIC_TASKS = {"outbox retry": ("portal.tasks.retry_outbox", 60)}
    now = timezone.now()

    assert worker.schedule_periodic_tasks(now) == ["outbox retry"]
    assert worker.schedule_periodic_tasks(now + timedelta(seconds=30)) == []
    assert worker.schedule_periodic_tasks(now + timedelta(seconds=61)) == ["outbox retry"]


def test_healthz_reports_the_outbox_and_the_worker(client, settings):
    settings.MAILERS = {**OUTBOX, "smtp": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2}}}
    emails.queue_rendered(to="ann@example.org", subject="Hello", body="Hi", key="test:health")
    OutboxEmail.objects.update(created_at=timezone.now() - timedelta(minutes=20))

    response = client.get("/healthz")

    assert response.status_code == 200  # the site serves; email and the worker lag
    body = response.json()
    assert body["status"] == "degraded"
    assert body["outbox"]["ok"] is False and body["outbox"]["unsent"] == 1
    assert body["outbox"]["oldest_unsent_seconds"] >= 1200
    assert body["worker"] == {"ok": False, "last_heartbeat_seconds": None, "queued": 0,
                              "oldest_queued_seconds": 0, "running": 0}

    # when a worker beats and the email goes, all is well
    worker.beat("w1", timezone.now())
    settings.MAILERS = {**OUTBOX, "smtp": {
        "BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    OutboxEmail.objects.update(next_attempt_at=timezone.now())
    emails.retry_due()
    assert client.get("/healthz").json()["status"] == "ok"


def test_the_health_command_prints_the_same_and_exits_non_zero_when_degraded(capsys):
    with pytest.raises(SystemExit) as exit_status:
        call_command("health")  # no worker has beaten in the test database

    assert exit_status.value.code == 1
    assert '"worker"' in capsys.readouterr().out


@pytest.mark.parametrize("url", [
    "/search/?q=%00", "/search/?topic=%00", "/api/v2/pages/?search=%00", "/search/?q=" + "a" * 2001,
    "/forum/?" + "&".join(f"p{i}=1" for i in range(1200)),
])
def test_hostile_query_strings_are_a_400_not_a_500(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "That address cannot be read" in response.text


def test_an_ordinary_search_still_works(client):
    assert client.get("/search/?q=needles").status_code == 200
