"""The outbox: every email the portal sends goes through here.

    from portal.emails import queue_email

    queue_email(
        to=user.email,                          # an address or a list of addresses
        template="forums/email/replies",        # renders forums/email/replies_subject.txt
        context={"user": user, "items": items},  # and forums/email/replies.txt (.html if present)
        key=f"replies:{user.pk}:{first.pk}",    # once-only: the same key is never sent twice
    )

Call it inside the transaction of the change that causes the email (an action). The message is
rendered now and written as a row of `OutboxEmail` in that same transaction, so a rollback
takes it back and a commit keeps it whatever happens to SMTP or the worker. After the commit a
task sends it; a failure is recorded on the row and retried with exponential backoff (30 s,
1 min, 2 min ... at most hourly) by the worker's periodic `retry_due` until it goes or staff give
up on it in the admin (*Settings → Outgoing email*). OUTBOX_FIRST_RETRY_SECONDS sets the first wait.

At most once per key: the attempt is recorded (status "sending") and committed before SMTP is
spoken to, and no row lock is held while sending. A worker that dies between the two leaves the
row "sending"; after `OUTBOX_SEND_TIMEOUT` seconds it is sent again and counted in
`uncertain_attempts` (SMTP gives no way to ask whether the first one went).

Mail sent any other way (Wagtail's workflow notifications, `django.core.mail.send_mail`,
`mail_admins`) lands here too: the site's default mailer is `OutboxBackend`, and the worker
sends through MAILERS[TRANSPORT] ("smtp": the server of EMAIL_URL).
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Min, Q
from django.tasks import task
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import absolute
from .models import OutboxEmail

logger = logging.getLogger(__name__)

Status = OutboxEmail.Status
MAX_RETRY_SECONDS = 3600
TRANSPORT = "smtp"  # the MAILERS alias the worker sends through (EMAIL_URL)


def queue_email(*, to, template, context=None, key, subject=None, headers=None, about="", language=None):
    """Write one email to the outbox, to be sent after the current transaction commits.

    `to`: an address or a list of addresses. `template`: a template name without extension;
    `<template>.txt` is the body, `<template>_subject.txt` the subject (unless `subject` is
    given), and `<template>.html`, if it exists, an HTML alternative. `context` gets `base_url`
    (settings.BASE_URL, for absolute links) added. `key` (required, at most 200 characters)
    makes the email once-only: if a message with this key was ever queued, nothing happens.
    `headers`: extra headers, e.g. List-Unsubscribe. `about`: a short tag such as "concern:12"
    to find the messages about one thing again. `language`: the language to render in, e.g.
    `portal.languages.for_user(user)` for an email to one account (default: the site's,
    LANGUAGE_CODE, whatever language the request that causes the email is in).

    Returns True if the message was queued now, False if its key was queued before.
    """
    context = {"base_url": base_url(), **(context or {})}
    with translation.override(language or settings.LANGUAGE_CODE):
        if subject is None:
            subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
        try:
            html_body = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html_body = ""
    return queue_rendered(to=to, subject=subject, body=body, html_body=html_body, key=key,
                          headers=headers, template=template, about=about)


def queue_rendered(*, to, subject, body, key=None, html_body="", headers=None, template="", about=""):
    """The same as queue_email for a message rendered elsewhere (allauth's). Without a key it
    gets a unique one: every call is a new message."""
    recipients = [to] if isinstance(to, str) else list(to)
    subject = " ".join(f"{settings.EMAIL_SUBJECT_PREFIX}{subject}".split())[:255]
    email, created = OutboxEmail.objects.get_or_create(
        key=(key or f"message:{uuid.uuid4()}")[:200],
        defaults={"to": recipients, "subject": subject, "body": body, "html_body": html_body,
                  "headers": headers or {}, "template": template[:200], "about": about[:64],
                  "next_attempt_at": timezone.now()},
    )
    if created:
        _after_commit(lambda: _enqueue(email.pk))
    return created


def base_url():
    """The public address of the site, without a trailing slash, for links in emails."""
    return absolute.base_url()


def absolute_url(path):
    return f"{base_url()}{path}" if path.startswith("/") else path


def _after_commit(callback):
    """transaction.on_commit, except that the transaction a test case wraps around each test
    counts as none (as Django's durable atomic blocks do): code that is not in a transaction of
    its own sends at once in tests, as it does in production."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and all(getattr(block, "_from_testcase", False)
                                          for block in connection.atomic_blocks):
        callback()
    else:
        transaction.on_commit(callback, robust=True)  # the message is saved: the retry sends it


def _enqueue(email_id):
    try:
        send_outbox_email.enqueue(email_id=email_id)
    except Exception:  # noqa: BLE001 - the row is safe; the worker's retry_due sends it
        logger.warning("Could not queue the send of outbox email %s; the retry job will send it",
                       email_id, exc_info=True)


@task()
def send_outbox_email(email_id):
    return deliver(email_id)


def _due(now):
    stale = now - timedelta(seconds=settings.OUTBOX_SEND_TIMEOUT)
    return (Q(status=Status.PENDING, next_attempt_at__lte=now)
            | Q(status=Status.SENDING, attempted_at__lt=stale))


def deliver(email_id):
    """Send one outbox row if it is due. Returns True if it was sent now."""
    email = _claim(email_id)
    if email is None:
        return False
    try:
        _message(email).send(using=TRANSPORT)
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried later
        delay = min(MAX_RETRY_SECONDS, settings.OUTBOX_FIRST_RETRY_SECONDS * 2 ** (email.attempts - 1))
        OutboxEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(
            status=Status.PENDING, last_error=f"{type(error).__name__}: {error}"[:1000],
            next_attempt_at=timezone.now() + timedelta(seconds=delay))
        logger.warning("Email %s not sent (attempt %s, next in %s s): %s",
                       email.pk, email.attempts, delay, error)
        return False
    OutboxEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), last_error="")
    return True


def _claim(email_id):
    """Record the attempt and commit it before sending (no lock is held while sending)."""
    now = timezone.now()
    with transaction.atomic():
        email = (OutboxEmail.objects.select_for_update(skip_locked=True)
                 .filter(_due(now), pk=email_id).first())
        if email is None:
            return None
        uncertain = email.status == Status.SENDING
        if uncertain:
            logger.warning("Email %s was being sent by a worker that stopped; sending it again "
                           "(it may arrive twice)", email.pk)
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=Status.SENDING, attempts=F("attempts") + 1, attempted_at=now,
            uncertain_attempts=F("uncertain_attempts") + int(uncertain))
        email.attempts += 1
    return email


def _message(email):
    message = EmailMultiAlternatives(subject=email.subject, body=email.body, to=email.to,
                                     headers=email.headers or None)
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


class OutboxBackend(BaseEmailBackend):
    """MAILERS["default"]: mail sent by Django, Wagtail or a library is written to the outbox
    (in the caller's transaction) instead of being spoken to SMTP there and then. Such mail has
    no natural key: each message gets a unique one. Cc is kept as a header; each Bcc recipient
    gets a copy of their own (an outbox row has one list of recipients, all visible). A message
    with attachments, which the outbox cannot store, is sent at once through the transport."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            if message.attachments:
                logger.warning("An email with attachments bypasses the outbox: %s", message.subject)
                queued += message.send(using=TRANSPORT)
                continue
            for to, headers in _outbox_copies(message):
                queue_rendered(to=to, subject=_without_prefix(message.subject), body=message.body,
                               html_body=_html(message), headers=headers, template="(sent by Django)")
            queued += 1
        return queued


def _outbox_copies(message):
    """(recipients, headers) of the outbox rows that deliver `message` as SMTP would."""
    headers = {str(name): str(value) for name, value in message.extra_headers.items()}
    if message.from_email and message.from_email != settings.DEFAULT_FROM_EMAIL:
        headers.setdefault("From", str(message.from_email))
    if message.reply_to:
        headers.setdefault("Reply-To", ", ".join(map(str, message.reply_to)))
    if message.cc or message.bcc:
        if message.to:
            headers.setdefault("To", ", ".join(map(str, message.to)))
        if message.cc:
            headers.setdefault("Cc", ", ".join(map(str, message.cc)))
    copies = [([*map(str, message.to), *map(str, message.cc)], headers)]
    copies += [([str(address)], headers) for address in message.bcc]
    return [(to, headers) for to, headers in copies if to]


def _without_prefix(subject):
    """mail_admins adds EMAIL_SUBJECT_PREFIX itself; queue_rendered adds it once."""
    prefix = settings.EMAIL_SUBJECT_PREFIX
    return subject[len(prefix):] if prefix and subject.startswith(prefix) else subject


def _html(message):
    return next((content for content, mimetype in getattr(message, "alternatives", [])
                 if mimetype == "text/html"), "")


def retry_due(limit=200):
    """Send what is due: failed earlier and waited its backoff, never handed to the worker, or
    left "sending" by a worker that stopped. The worker runs this every minute. Returns the
    number sent."""
    ids = list(OutboxEmail.objects.filter(_due(timezone.now()))
               .order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk) for pk in ids)


def retry_now(email):
    """Staff: try a waiting message again at once (its backoff is forgotten)."""
    updated = OutboxEmail.objects.filter(pk=email.pk, status=Status.PENDING).update(
        next_attempt_at=timezone.now())
    if updated:
        _after_commit(lambda: _enqueue(email.pk))
    return bool(updated)


def give_up(email):
    """Staff: stop trying to send a message."""
    return bool(OutboxEmail.objects.filter(pk=email.pk, status=Status.PENDING).update(
        status=Status.CANCELLED))


def forget_address(address):
    """A closed account: remove `address` from every message. A message left with nobody to send
    to is emptied and, if unsent, given up; its key stays so it is never queued again."""
    address = address.strip().lower()
    if not address:
        return 0
    changed = 0
    for email in OutboxEmail.objects.filter(to__icontains=address):
        remaining = [to for to in email.to if to.strip().lower() != address]
        if remaining == email.to:
            continue
        email.to = remaining
        fields = ["to"]
        if not remaining:
            email.subject, email.body, email.html_body, email.headers, email.last_error = (
                "(removed: the account was closed)", "", "", {}, "")
            fields += ["subject", "body", "html_body", "headers", "last_error"]
            if email.status in (Status.PENDING, Status.SENDING):
                email.status = Status.CANCELLED
                fields.append("status")
        email.save(update_fields=fields)
        changed += 1
    return changed


def state():
    """For /healthz: how many messages wait, and the age in seconds of the oldest."""
    waiting = OutboxEmail.objects.filter(status__in=[Status.PENDING, Status.SENDING])
    summary = waiting.aggregate(oldest=Min("created_at"))
    oldest = summary["oldest"]
    return {"unsent": waiting.count(),
            "oldest_unsent_seconds": int((timezone.now() - oldest).total_seconds()) if oldest else 0,
            "uncertain_sends": OutboxEmail.objects.filter(uncertain_attempts__gt=0).count()}
