"""The periodic job (run by the worker, or `manage.py concerns_jobs`): send each partner a digest
of its overdue concerns, escalate to the partner's lead. The outbox (portal/emails.py) sends and
retries the emails. Idempotent:
the digest has a key per partner and day; each route is escalated once (one email per partner
listing its newly escalated concerns), so running it twice sends nothing new."""

import hashlib
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from portal.models import SiteSettings

from . import emails, queries
from .models import Concern, ConcernRoute


def target_days():
    """At least one day (the setting is validated too; an older row could hold 0)."""
    site = Site.objects.filter(is_default_site=True).first()
    return max(1, SiteSettings.for_site(site).response_target_days) if site else 5


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
        to = queries.liaison_emails(partner.pk)
        if not to:
            continue
        lines = "\n".join(f"- {c.title} (since {c.published_at:%d %b %Y}): {emails.admin_link(c)}"
                          for c in concerns)
        with transaction.atomic():
            queued += emails.queue(
                f"digest:{partner.pk}:{now:%Y-%m-%d}", None, to,
                f"{len(concerns)} overdue concern(s) for {partner.name}",
                f"These concerns have no official answer yet and are past the target:\n\n{lines}\n")
    return queued


def _digest_of(routes):
    """Names the set of routes an escalation lists (the same set is never emailed twice)."""
    return hashlib.sha256(",".join(str(r.pk) for r in routes).encode()).hexdigest()[:32]


def _queue_escalations(overdue, now):
    """One email per partner to its lead, listing the overdue concerns not escalated before
    (each route is escalated once: `ConcernRoute.escalated_at`)."""
    by_partner = defaultdict(list)
    for route in overdue:
        if route.partner.escalation_email and route.escalated_at is None:
            by_partner[route.partner].append(route)
    for partner, routes in by_partner.items():
        with transaction.atomic():
            lines = "\n".join(
                f"- {r.concern.title} (sent {r.routed_at:%d %b %Y}): {emails.admin_link(r.concern)}"
                for r in routes)
            emails.queue(
                f"escalation:{partner.pk}:{_digest_of(routes)}", None, [partner.escalation_email],
                f"Escalation: {len(routes)} concern(s) without an official answer from {partner.name}",
                f"{partner.name} has not answered these concerns within the target:\n\n{lines}\n")
            ConcernRoute.objects.filter(pk__in=[r.pk for r in routes]).update(escalated_at=now)
            Concern.objects.filter(pk__in=[r.concern_id for r in routes],
                                   escalated_at__isnull=True).update(escalated_at=now)
    return len(by_partner)
