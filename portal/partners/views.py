from django.shortcuts import get_object_or_404, render

from portal.sections import sections_for

from .models import Partner


def partner_list(request):
    partners = Partner.objects.filter(is_active=True).select_related("logo")
    return render(request, "partners/partner_list.html", {"partners": partners})


def partner_detail(request, slug):
    partner = get_object_or_404(
        Partner.objects.filter(is_active=True).prefetch_related("neighbourhoods"), slug=slug
    )
    return render(
        request,
        "partners/partner_detail.html",
        {"partner": partner, "sections": sections_for("partner", partner)},
    )
