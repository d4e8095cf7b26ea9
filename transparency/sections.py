"""The figures a partner's public page shows (a "partner" section, see portal/sections.py)."""

from wagtail.models import Site

from portal.models import SiteSettings
from portal.translations import localized

from . import dashboard
from .models import TransparencyPage, TransparencySettings


def partner_figures(partner):
    site = Site.objects.filter(is_default_site=True).first()
    threshold = TransparencySettings.for_site(site).suppression_threshold if site else 5
    target_days = SiteSettings.for_site(site).response_target_days if site else 5
    figures = dashboard.partner_figures(partner, threshold=threshold, target_days=target_days)
    page = localized(TransparencyPage.objects.live().public()).first()
    return {"figures": figures, "partner": partner,
            "dashboard_url": f"{page.url}?partner={partner.slug}" if page else None}
