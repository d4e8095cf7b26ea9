"""Each service stopped in turn under the running site (gunicorn + worker), as an operator would
see it: pages keep answering (the documented 503 only while the database is away), posts are
kept, every email arrives exactly once or its duplicate is counted, and everything recovers
without a person. Each test prints its figures (run with -s to see them)."""

import signal
import time

import pytest

from tests.faults.conftest import Browser, Site, free_port, wait_for

# Transactional: what a scenario writes is committed, so the site's processes see it; after each
# the database is emptied and its migrated data (the page tree's root and home page, the site,
# the roles) put back (serialized_rollback), so each scenario starts from the same database.
pytestmark = [pytest.mark.faults,
              pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default"])]

PAGES = ["/", "/forum/", "/search/?q=lights", "/healthz"]


def figures(scenario, browsers, posts, smtp, addresses, duplicates_counted=0):
    statuses = [status for browser in browsers for status in browser.statuses]
    received = {address: smtp.count(address) for address in addresses}
    print(f"\nFIGURES {scenario}: requests={len(statuses)} "
          f"5xx={sum(s >= 500 for s in statuses)} (503={statuses.count(503)}) posts={posts} "
          f"emails expected={len(addresses)} delivered={sum(1 for n in received.values() if n)} "
          f"duplicated={sum(n - 1 for n in received.values() if n > 1)} "
          f"(counted by the outbox={duplicates_counted}) lost={sum(1 for n in received.values() if not n)}")


def outbox_for(faults, address):
    from portal.models import OutboxEmail

    with faults["blocker"].unblock():
        return list(OutboxEmail.objects.filter(to__icontains=address))


def posts_saying(faults, text):
    from forums.models import Post

    with faults["blocker"].unblock():
        return Post.objects.filter(body_source=text).count()


def reset_password(browser, address):
    return browser.post_form("/accounts/password/reset/", {"email": address})


def test_redis_down_pages_render_posting_pauses_and_everything_recovers(faults):
    site, data = faults["site"], faults["data"]
    visitor, resident = Browser(site), Browser(site, data["sessions"][1])
    thread, text = data["thread_url"], f"Still dark on Mill Lane tonight ({data['run']})."

    # when Redis stops
    faults["redis"].stop()
    for path in [*PAGES, thread] * 3:
        assert visitor.get(path).status_code == 200, path
    paused = resident.post_form(thread, {"body": text})

    # then reading works, and posting is refused with a clear message, keeping the text
    assert paused.status_code == 200
    assert "Posting is paused for a moment" in paused.text
    assert text in paused.text
    assert posts_saying(faults, text) == 0
    assert visitor.get("/healthz").json()["cache"]["ok"] is False

    # when Redis is back, the site uses it again on its own (within 5 s) and posting works
    faults["redis"].start()
    time.sleep(6)
    posted = resident.post_form(thread, {"body": text})
    assert posted.status_code == 302
    assert posts_saying(faults, text) == 1
    assert visitor.get("/healthz").json()["cache"]["ok"] is True
    assert visitor.errors() == resident.errors() == []
    assert site.log("web").count("Cache server unreachable") <= 2  # once per gunicorn worker
    figures("redis down", [visitor, resident], 1, faults["smtp"], [])


def test_smtp_down_replies_and_sign_in_mail_wait_and_are_delivered_once(faults):
    site, smtp, data = faults["site"], faults["smtp"], faults["data"]
    visitor, replier = Browser(site), Browser(site, data["sessions"][1])
    author = data["residents"][0].email  # told of the reply
    resets = [data["residents"][n].email for n in (1, 2, 3)]
    text = f"Reported it to the council too ({data['run']})."

    # when the mail server is down, a reply is posted and password resets still answer, and
    # the emails wait
    smtp.stop()
    assert replier.post_form(data["thread_url"], {"body": text}).status_code == 302
    assert posts_saying(faults, text) == 1
    for address in resets:
        assert reset_password(visitor, address).status_code == 302
    addresses = [author, *resets]
    wait_for(lambda: all(outbox_for(faults, a) for a in addresses), timeout=30, what="the emails queued")
    wait_for(lambda: all(e.attempts >= 1 and e.last_error for a in addresses for e in outbox_for(faults, a)),
             timeout=30, what="failed first attempts")
    assert visitor.get("/healthz").json()["outbox"]["unsent"] >= 4

    # when it is back, each is delivered, once, without a person
    smtp.start()
    wait_for(lambda: all(smtp.count(a) for a in addresses), timeout=40, what="delivery")
    time.sleep(3)
    assert [smtp.count(a) for a in addresses] == [1, 1, 1, 1]
    assert all(e.status == "sent" for a in addresses for e in outbox_for(faults, a))
    assert visitor.errors() == replier.errors() == []
    figures("smtp down", [visitor, replier], 1, smtp, addresses)


def test_a_database_blip_answers_503_and_the_worker_carries_on(faults):
    site, relay, smtp = faults["site"], faults["relay"], faults["smtp"]
    visitor = Browser(site)
    worker = site.worker

    # when the database is unreachable for 8 seconds
    relay.down()
    started = time.monotonic()
    while time.monotonic() - started < 8:
        response = visitor.get("/forum/")
        assert response.status_code == 503
        assert "Back in a moment" in response.text
        time.sleep(1)
    assert visitor.get("/healthz").status_code == 503
    relay.up()

    # then the site and the worker carry on without a restart: a reply is posted, its author
    # told, and a password reset mailed
    wait_for(lambda: visitor.get("/healthz").status_code == 200, timeout=20, what="the site back")
    assert worker.poll() is None, "the worker exited"
    data = faults["data"]
    replier, text = Browser(site, data["sessions"][2]), f"Back on, thanks ({data['run']})."
    assert replier.post_form(data["thread_url"], {"body": text}).status_code == 302
    assert posts_saying(faults, text) == 1
    addresses = [data["residents"][0].email, data["residents"][1].email]
    assert reset_password(visitor, addresses[1]).status_code == 302
    wait_for(lambda: all(smtp.count(a) == 1 for a in addresses), timeout=30, what="the worker sending")
    assert "Database unavailable" in site.log("worker")
    assert all(status in (200, 302, 503) for status in visitor.statuses)
    assert replier.errors() == []
    figures("database blip (8 s)", [visitor, replier], 1, smtp, addresses)


def test_a_worker_killed_mid_send_leaves_nothing_stuck_and_counts_the_duplicate(faults):
    from django_tasks_db.models import DBTaskResult

    site, smtp = faults["site"], faults["smtp"]
    visitor, address = Browser(site), faults["data"]["residents"][1].email

    # given the mail server takes 8 s to acknowledge a message
    smtp.slow = 8  # under the transport's 10 s timeout
    assert reset_password(visitor, address).status_code == 302
    wait_for(lambda: smtp.count(address) == 1, timeout=30, what="the message reaching SMTP")

    # when the worker is killed before SMTP acknowledged it, and a new worker starts
    site.kill_worker(signal.SIGKILL)
    smtp.slow = 0
    site.start_worker()

    # then the message goes again (through the periodic outbox retry or the task queued again,
    # whichever comes first), and the possible duplicate is counted
    wait_for(lambda: [e.status for e in outbox_for(faults, address)] == ["sent"], timeout=40,
             what="the outbox row sent")

    # and the task the dead worker left RUNNING is found and run again, without a third send
    def unfinished_sends():
        with faults["blocker"].unblock():
            return DBTaskResult.objects.filter(task_path="portal.emails.send_outbox_email",
                                               status__in=["RUNNING", "READY"]).count()

    wait_for(lambda: unfinished_sends() == 0, timeout=30, what="the dead worker's task run again")
    [email] = outbox_for(faults, address)
    assert email.uncertain_attempts == 1
    assert smtp.count(address) == 2
    assert "Queued again 1 task(s) left running by a worker that stopped" in site.log("worker")
    figures("worker killed mid-send", [visitor], 0, smtp, [address], email.uncertain_attempts)


def test_the_search_engine_down_search_falls_back_and_updates_wait(faults, tmp_path):
    from search.models import PendingIndexUpdate

    data = faults["data"]
    # given the site is configured for an Elasticsearch that does not answer (nothing listens
    # on its port: the engine stopped)
    env = {**faults["site"].env, "ELASTICSEARCH_URL": f"http://127.0.0.1:{free_port()}"}
    faults["site"].kill_worker(signal.SIGTERM)  # only the worker that knows of Elasticsearch runs
    site = Site(env, tmp_path)  # the same site and database, with that Elasticsearch
    site.start_web()
    site.start_worker()
    try:
        visitor, resident = Browser(site), Browser(site, data["sessions"][1])

        # then search answers from the database engine, and says so
        found = visitor.get("/search/?q=lights")
        assert found.status_code == 200
        assert "these results come from a simpler search" in found.text
        assert "Street lights out again" in found.text

        # and a post is kept, its index update recorded for Elasticsearch and retried by the
        # worker's periodic job (no person runs `search_index retry`)
        text = f"The council says the new lamps come next week ({data['run']})."
        posted = resident.post_form(data["thread_url"], {"body": text})
        assert posted.status_code == 302
        assert posts_saying(faults, text) == 1

        def missed_updates():
            with faults["blocker"].unblock():
                return list(PendingIndexUpdate.objects.filter(engine="elasticsearch"))

        wait_for(lambda: missed_updates(), timeout=30, what="the missed update recorded")
        wait_for(lambda: any(update.attempts >= 2 for update in missed_updates()), timeout=30,
                 what="the periodic job retrying the missed update")
        health = visitor.get("/healthz")
        assert health.status_code == 200
        assert health.json()["search"]["ok"] is False
        assert health.json()["search"]["pending_updates"] >= 1

        # and the new post is found meanwhile, by the simpler search
        for _ in range(5):
            found = visitor.get("/search/?q=lamps")
        assert "these results come from a simpler search" in found.text
        assert "Street lights out again" in found.text

        # one line a minute about the outage, never a traceback per search or per document
        assert visitor.errors() == resident.errors() == []
        for name in ("web", "worker"):
            log = site.log(name)
            assert "Traceback" not in log, log[max(0, log.find("Traceback") - 2000):][:4000]
        assert site.log("web").count("Search engine elasticsearch is failing") <= 4  # 2 gunicorn workers
        assert site.log("worker").count("Search engine elasticsearch is failing") <= 2
        figures("search engine down", [visitor, resident], posts_saying(faults, text), faults["smtp"], [])
    finally:
        site.stop()
