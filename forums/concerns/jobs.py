"""The periodic job (run by the worker, or `manage.py concerns_jobs`): send each partner a digest
of its overdue concerns, escalate to the partner's lead. The outbox (portal/emails.py) sends and
retries the emails. Idempotent:
each email has a key (the digest per partner and day, the escalation per concern and partner),
so running it twice sends nothing new."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from portal.models import OutboxEmail, SiteSettings

from . import actions
from .models import Concern, ConcernRoute


def target_days():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).response_target_days if site else 5


def run(now=None):
    """Returns a dict of what it did, for the command to print."""
    now = now or timezone.now()
    overdue = _overdue_routes(now, target_days())
    digests = _queue_digests(overdue, now)
    escalations = _queue_escalations(overdue, now)
    return {"overdue": len(overdue), "digests": digests, "escalations": escalations}


def _overdue_routes(now, days):
    """Routes of concerns still waiting for an official answer past the target."""
    concerns = Concern.objects.overdue(now, days)
    return list(ConcernRoute.objects.filter(concern__in=concerns, first_response_at__isnull=True)
                .select_related("concern__thread", "partner").order_by("partner_id", "routed_at"))


def _queue_digests(overdue, now):
    by_partner = defaultdict(list)
    for route in overdue:
        by_partner[route.partner].append(route.concern)
    queued = 0
    for partner, concerns in by_partner.items():
        to = actions.liaison_emails(partner.pk)
        if not to:
            continue
        lines = "\n".join(f"- {c.title} (since {c.published_at:%d %b %Y}): {actions._admin_link(c)}"
                          for c in concerns)
        with transaction.atomic():
            queued += actions._queue_email(
                f"digest:{partner.pk}:{now:%Y-%m-%d}", None, to,
                f"{len(concerns)} overdue concern(s) for {partner.name}",
                f"These concerns have no official answer yet and are past the target:\n\n{lines}\n")
    return queued


def _queue_escalations(overdue, now):
    queued = 0
    for route in overdue:
        partner, concern = route.partner, route.concern
        if not partner.escalation_email:
            continue
        with transaction.atomic():
            key = f"escalation:{concern.pk}:{partner.pk}"
            if OutboxEmail.objects.filter(key=f"concerns:{key}").exists():
                continue
            actions._queue_email(
                key, concern, [partner.escalation_email],
                f"Escalation: no official answer to “{concern.title}”",
                f"{partner.name} has not answered this concern within the target.\n"
                f"Sent to {partner.name} on {route.routed_at:%d %b %Y}.\n\n"
                f"{actions._admin_link(concern)}\n")
            Concern.objects.filter(pk=concern.pk, escalated_at__isnull=True).update(escalated_at=now)
        queued += 1
    return queued
