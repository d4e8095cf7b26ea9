"""Which partners a concern goes to: every active rule matching its topic and neighbourhood
(an empty field in a rule matches anything); no match -> the default partner of ConcernSettings."""

from django.db.models import Q

from portal.partners.models import Partner

from .models import ConcernSettings, RoutingRule


def matching_rules(topic_id, neighbourhood_id):
    return RoutingRule.objects.filter(
        Q(topic_id=topic_id) | Q(topic__isnull=True),
        Q(neighbourhood_id=neighbourhood_id) | Q(neighbourhood__isnull=True),
        is_active=True,
    )


def partners_for(topic_id, neighbourhood_id, site=None):
    """(partners, matched): the active partners to route to, and whether a rule matched.
    Both may be empty/False when there is no rule and no default partner."""
    partners = list(Partner.objects.filter(
        is_active=True, pk__in=matching_rules(topic_id, neighbourhood_id).values("partners"),
    ).order_by("name"))
    if partners:
        return partners, True
    default = default_partner(site)
    return ([default] if default else []), False


def default_partner(site=None):
    from wagtail.models import Site

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    partner = ConcernSettings.for_site(site).default_partner
    return partner if partner and partner.is_active else None
