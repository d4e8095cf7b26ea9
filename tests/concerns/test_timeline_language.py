"""The concern timeline is written in the language of the page that shows it (issue 19), not in
the language of whoever acted: the events store a kind and its parameters."""

import importlib

import pytest
from django.core import mail
from django.utils import timezone

from forums.concerns import actions
from forums.concerns.models import Concern, ConcernEvent, State


def timeline(html):
    start = html.index('<ol class="timeline">')
    return " ".join(html[start:html.index("</ol>", start)].split())


def test_the_timeline_is_in_spanish_on_es_and_in_english_on_the_site(client, concern, liaison,
                                                                     partner, ngo):
    actions.answer(concern, by=liaison, body="Officers visited the park.", kind="action_taken")
    actions.close(concern, by=liaison, reason="duplicate")
    url = concern.thread.get_absolute_url() + "?page=1"

    spanish = timeline(client.get("/es" + url).text)
    assert f"<strong>Common Ground</strong>: Publicada y enviada a {ngo.name} y {partner.name}" in spanish
    assert "Respuesta oficial: Medidas tomadas" in spanish
    assert "Cerrada: Duplicada de otra inquietud" in spanish
    assert "<strong>El vecino</strong>: Enviada" in spanish
    assert "Published" not in spanish and "Official response" not in spanish

    english = timeline(client.get(url).text)
    assert "<strong>The resident</strong>: Submitted" in english
    assert f"Published and sent to {ngo.name} and {partner.name}" in english
    assert "Official response: Action taken" in english
    assert "Publicada" not in english


def test_the_spanish_close_reason_and_the_resident_reopening(client, concern, resident, liaison):
    actions.answer(concern, by=liaison, body="Done.", kind="information")
    actions.resolve(concern, by=liaison)
    actions.reopen(concern, by=resident, reason="Still there")
    actions.close(concern, by=resident, reason="withdrawn")
    spanish = timeline(client.get("/es" + concern.thread.get_absolute_url() + "?page=1").text)
    assert "Respuesta oficial: Información" in spanish
    assert "Resuelta" in spanish
    assert "<strong>El vecino</strong>: Reabierta por el vecino" in spanish
    assert "<strong>El vecino</strong>: Cerrada: Retirada por el vecino" in spanish


def test_the_summary_keeps_the_english_sentence(concern, liaison):
    actions.claim(concern, by=liaison)
    claimed = concern.events.get(kind="claimed")
    assert claimed.summary == f"Claimed ({liaison.partner.name})"
    assert claimed.params == {"partner": liaison.partner.name}


def test_an_event_without_a_kind_shows_its_stored_summary(client, concern):
    ConcernEvent.objects.create(concern=concern, state=State.OPEN, summary="Checked by the city",
                                actor_label="Common Ground", created_at=timezone.now())
    spanish = timeline(client.get("/es" + concern.thread.get_absolute_url() + "?page=1").text)
    assert "Common Ground</strong>: Checked by the city" in spanish


@pytest.mark.parametrize(("summary", "kind", "params"), [
    ("Submitted", "submitted", {}),
    ("Published and sent to Riverton Police (test) and Bread and Roses",
     "published", {"partners": ["Riverton Police (test)", "Bread and Roses"]}),
    ("Published; no routing rule matched, so it was sent to no partner yet (no rule and no default "
     "partner)", "published-unmatched", {"partners": []}),
    ("Assigned to Sam Lee (Bread and Roses)", "assigned",
     {"name": "Sam Lee", "partner": "Bread and Roses"}),
    ("Official response: Action taken (details withheld)", "answered", {"answer": "action_withheld"}),
    ("Closed: Withdrawn by the resident", "closed", {"reason": "withdrawn"}),
    ("Something a later version wrote", None, None),
])
def test_the_migration_reads_old_summaries(summary, kind, params):
    migration = importlib.import_module("forums.concerns.migrations.0006_timeline_kinds")
    known = {"Riverton Police (test)", "Bread and Roses"}
    parsed = migration.parse(summary, known)
    assert parsed == (None if kind is None else (kind, params))


def test_an_old_row_converted_by_the_migration_shows_in_spanish(client, concern, partner, ngo):
    migration = importlib.import_module("forums.concerns.migrations.0006_timeline_kinds")
    from django.apps import apps

    concern.events.update(kind="", params={})  # as every row was before the migration
    migration.add_kinds(apps, None)
    assert concern.events.get(kind="published").params == {"partners": [ngo.name, partner.name]}
    spanish = timeline(client.get("/es" + concern.thread.get_absolute_url() + "?page=1").text)
    assert f"Publicada y enviada a {ngo.name} y {partner.name}" in spanish


def test_the_residents_email_names_the_event_in_spanish(concern, resident, liaison,
                                                         django_capture_on_commit_callbacks):
    resident.preferred_language = "es"
    resident.save(update_fields=["preferred_language"])
    concern = Concern.objects.get(pk=concern.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer(concern, by=liaison, body="Officers visited.", kind="action_taken")
    [email] = [m for m in mail.outbox if m.to == [resident.email]]
    assert email.subject == "[Common Ground] Tu inquietud: Respuesta oficial: Medidas tomadas"
    assert f"{liaison.partner.name}: Respuesta oficial: Medidas tomadas\n" in email.body


def test_a_signed_answer_shows_its_signature_in_spanish(client, concern, liaison):
    post = actions.answer(concern, by=liaison, body="Hello", kind="information", sign_name=True)
    assert (post.badge_kind, post.badge_name) == ("signed", liaison.display_name)
    html = client.get("/es" + concern.thread.get_absolute_url() + "?page=1").content.decode()
    assert f'class="badge badge--staff">Firma: {liaison.display_name}<' in html
