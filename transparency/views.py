"""The transparency page (served by TransparencyPage), the open-data downloads and the data
dictionary. Views parse input and render; the figures come from dashboard.py."""

import csv

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import SiteSettings
from portal.translations import localized

from . import dashboard as figures
from . import opendata
from .forms import FilterForm
from .models import TransparencyPage, TransparencySettings


def _settings(request):
    return {"threshold": TransparencySettings.for_request(request).suppression_threshold,
            "target_days": SiteSettings.for_request(request).response_target_days}


def _filters(form, now):
    """Filters from a valid form; the default (last 12 months, everything) otherwise."""
    data = form.cleaned_data if form.is_valid() else {}
    period = data.get("period") or ("year" if data.get("year") else "12m")
    if period == "year":
        chosen = figures.calendar_year(data["year"], now)
    elif period == "month":
        chosen = figures.this_month(now)
    else:
        chosen = figures.last_12_months(now)
    return figures.Filters(chosen, *(data[name].pk if data.get(name) else None
                                     for name in ("partner", "topic", "neighbourhood")))


def serve_dashboard(page, request):
    now = timezone.now()
    form = FilterForm(request.GET or None)
    filters = _filters(form, now)
    data = figures.dashboard(filters, now=now, **_settings(request))
    chosen = {name: form.cleaned_data.get(name) for name in ("partner", "topic", "neighbourhood")} \
        if form.is_bound and form.is_valid() else {}
    context = page.get_context(request)
    context.update({"form": form, "figures": data, "chosen": chosen,
                    "licence": opendata.licence()})
    return TemplateResponse(request, "transparency/transparency_page.html", context)


def _meta(as_of, threshold, about, columns):
    """What a JSON download says about itself, in the language of its address (/es/...: Spanish):
    its title, the data dictionary's page and `column_meanings`. The column names (`columns`, the
    rows' keys) are the same in every language."""
    page = localized(TransparencyPage.objects.live().public()).first()
    return {"title": about, "generated_at": as_of.isoformat(), "suppression_threshold": threshold,
            "licence": opendata.licence(), "dictionary": reverse("transparency_data"),
            "dashboard": page.url if page else None,
            "column_meanings": opendata.column_meanings(columns)}


def concerns_download(request, fmt, by="month"):
    settings = _settings(request)
    rows, as_of = opendata.concern_snapshot(by, now=timezone.now(), **settings)
    dictionary = opendata.concern_columns(by)
    columns = [c[0] for c in dictionary]
    about = (_("Concerns per month: totals, and by partner, topic and neighbourhood") if by == "month"
             else _("Concerns per year: totals, and by partner, topic and neighbourhood"))
    return _respond(fmt, "concerns" if by == "month" else "concerns-by-year", rows, columns,
                    _meta(as_of, settings["threshold"], about, dictionary))


def response_times_download(request, fmt):
    settings = _settings(request)
    rows, as_of = opendata.response_time_snapshot(now=timezone.now(), **settings)
    dictionary = opendata.response_time_columns()
    columns = [c[0] for c in dictionary]
    return _respond(fmt, "response-times", rows, columns,
                    _meta(as_of, settings["threshold"], _("Partners' response times per month"), dictionary))


def moderation_download(request, fmt):
    threshold = _settings(request)["threshold"]
    rows, as_of = opendata.moderation_snapshot(threshold)
    dictionary = opendata.moderation_columns()
    columns = [c[0] for c in dictionary]
    return _respond(fmt, "moderation", rows, columns,
                    _meta(as_of, threshold, _("Moderation per month"), dictionary))


def _respond(fmt, name, rows, columns, meta):
    if fmt == "json":
        response = JsonResponse({**meta, "columns": columns, "rows": rows}, encoder=DjangoJSONEncoder,
                                json_dumps_params={"ensure_ascii": False, "indent": 1})
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(row.get(column)) for column in columns])
    response["Content-Disposition"] = f'inline; filename="common-ground-{name}.{fmt}"'
    response["Cache-Control"] = f"public, max-age={settings.TRANSPARENCY_FRESH_FOR}"
    return response


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def data_dictionary(request):
    page = localized(TransparencyPage.objects.live().public()).first()
    return TemplateResponse(request, "transparency/data_dictionary.html", {
        "concern_columns": opendata.concern_columns(),
        "yearly_columns": opendata.concern_columns("year"),
        "response_time_columns": opendata.response_time_columns(),
        "moderation_columns": opendata.moderation_columns(),
        "licence": opendata.licence(),
        "threshold": _settings(request)["threshold"],
        "dashboard": page,
        "moderation_months": opendata.MODERATION_MONTHS,
    })

