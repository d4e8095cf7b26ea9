"""Partners in search: each active partner organisation is a "Partner" result, linked to its
public page, found by its name, kind, description and the neighbourhoods it works in. Only what
the partner's public page shows is indexed (never the escalation address)."""

from django.utils.translation import gettext_lazy

from . import sources

PARTNER_LABEL = "partners.partner"


def active_partners():
    from portal.partners.models import Partner

    return Partner.objects.filter(is_active=True).prefetch_related("neighbourhoods")


def partner_document(partner):
    areas = ", ".join(area.name for area in partner.neighbourhoods.all())
    body = [partner.get_kind_display(), partner.description, f"Works in {areas}." if areas else ""]
    return sources.Document(
        source=PARTNER_LABEL,
        object_id=str(partner.pk),
        kind="partner",
        title=partner.name,
        url=partner.get_absolute_url(),
        body=" ".join(part for part in body if part),
        partner=partner.slug,
    )


def register():
    from django.db.models.signals import post_delete, post_save

    from portal.partners.models import Partner

    sources.register(
        sources.Source(
            label=PARTNER_LABEL,
            kind="partner",
            kind_label=gettext_lazy("Partner"),
            queryset=active_partners,
            build=partner_document,
            change_signals=[post_save, post_delete],
            signal_sender=Partner,
        )
    )
