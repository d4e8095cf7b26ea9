"""Open311 GeoReport v2, read only and JSON only, so civic tools that speak Open311 can read the
public concerns (http://wiki.open311.org/GeoReport_v2).

Services are the topics residents can raise concerns under (on a public concern board); service
requests are public concerns (`forums.concerns.public`). Nothing about the resident is ever
serialised: no author, account, contact details, anonymity flag or internal note, and no
timeline entry that is not public. The mapping is documented in the README.

Errors use the spec's format, `[{"code": 400, "description": "..."}]`, with the same HTTP
status. Each endpoint runs a fixed number of queries, whatever the number of concerns.
"""

import re
from collections import defaultdict
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.db.models import OuterRef, Subquery
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from forums.concerns import places
from forums.concerns.models import WAITING_STATES, ConcernEvent, ConcernRoute, State
from forums.concerns.public import plain_text, public_concerns
from forums.models import BoardPage, ThreadKind, public_pages
from portal import absolute
from portal.models import SiteSettings
from portal.taxonomy.models import Topic

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-24T00:00:00Z"  # when this API last changed, for the discovery document
WINDOW = timedelta(days=90)  # the spec's default and longest date range
MAX_RESULTS = 1000  # the spec's most requests per response
MAX_PAGE = 1_000_000
CACHE_CONTROL = "public, max-age=60"
CLOSED_STATES = (State.RESOLVED, State.CLOSED)
STATUSES = {"open": (State.OPEN, State.ACKNOWLEDGED, State.ANSWERED), "closed": CLOSED_STATES}
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class Open311Error(Exception):
    def __init__(self, status, description):
        super().__init__(description)
        self.status, self.description = status, description


def _json(data, status=200):
    return JsonResponse(data, status=status, safe=False, content_type="application/json; charset=utf-8",
                        json_dumps_params={"ensure_ascii": False})


def error_response(status, description):
    return _json([{"code": status, "description": description}], status=status)


def endpoint(view):
    """Read-only, JSON-only, public: other methods get 405, other formats 400, and every answer
    (errors too) may be read by any web page (CORS)."""

    @csrf_exempt  # nothing here changes state; a POST must get our 405, not a CSRF page
    @wraps(view)
    def wrapper(request, *args, fmt="json", **kwargs):
        try:
            response = _dispatch(view, request, fmt, *args, **kwargs)
        except Open311Error as error:
            response = error_response(error.status, error.description)
        if response.status_code == 405:
            response["Allow"] = ALLOWED_METHODS
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = CACHE_CONTROL if response.status_code == 200 else "no-cache"
        return response

    return wrapper


def _dispatch(view, request, fmt, *args, **kwargs):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        return response
    if request.method not in ("GET", "HEAD"):
        raise Open311Error(405, "This Open311 API is read only: service requests cannot be "
                                "submitted here. Raise a concern on the website instead.")
    if fmt.lower() != "json":
        raise Open311Error(400, f"The format “{fmt}” is not supported: only JSON is. "
                                "Use the same address ending in .json.")
    return view(request, *args, **kwargs)


# Discovery and services ----------------------------------------------------------------------

@endpoint
def discovery(request):
    settings = _site_settings(request)
    return _json({
        "changeset": CHANGESET,
        "contact": f"Email {settings.contact_email}" if settings.contact_email else "",
        "key_service": "No key is needed: this API is read only and public.",
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": absolute.absolute("/open311/v2", request),
            "changeset": CHANGESET,
            "type": "production",
            "formats": ["application/json"],
        }],
    })


@endpoint
def services(request):
    return _json([_service_json(topic, boards) for topic, boards in _services().items()])


@endpoint
def service_definition(request, code):
    if not any(topic.slug == code for topic in _services()):
        raise Open311Error(404, f"No service has the service_code “{code}”.")
    return _json({"service_code": code, "attributes": []})


def _services():
    """{topic: [board titles]} for the topics of public concern boards, by topic name."""
    links = (BoardPage.topics.through.objects
             .filter(boardpage__in=public_pages(), boardpage__thread_kind=ThreadKind.CONCERN)
             .select_related("topic", "boardpage").order_by("topic__name", "boardpage__title"))
    found = defaultdict(list)
    for link in links:
        found[link.topic].append(link.boardpage.title)
    return found


def _service_json(topic, boards):
    return {
        "service_code": topic.slug,
        "service_name": topic.name,
        "description": topic.description or f"Concerns about {topic.name.lower()}.",
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join([topic.name, *boards]),
        "group": boards[0],
    }


# Service requests ------------------------------------------------------------------------------

@endpoint
def service_requests(request):
    params = request.GET
    concerns = public_concerns()
    if params.get("service_request_id", "").strip():
        concerns = concerns.filter(pk__in=_ids(params["service_request_id"]))  # overrides the rest
    else:
        concerns = _filtered(concerns, params)
    page, size = _paging(params)
    rows = list(_with_details(concerns)[(page - 1) * size:page * size + 1])
    response = _json(_requests_json(request, rows[:size]))
    if len(rows) > size:
        query = urlencode({**params.dict(), "page": page + 1, "page_size": size})
        response["Link"] = f'<{absolute.absolute(request.path, request)}?{query}>; rel="next"'
    return response


@endpoint
def request_detail(request, request_id):
    number = _number(request_id)
    rows = list(_with_details(public_concerns().filter(pk=number))) if number else []
    if not rows:
        raise Open311Error(404, f"No service request has the id “{request_id}”.")
    return _json(_requests_json(request, rows))


def _filtered(concerns, params):
    start, end = _window(params.get("start_date"), params.get("end_date"))
    concerns = concerns.filter(published_at__gte=start, published_at__lte=end)
    codes = _list(params.get("service_code"))
    if codes:
        known = set(Topic.objects.filter(slug__in=codes).values_list("slug", flat=True))
        unknown = sorted(set(codes) - known)
        if unknown:
            raise Open311Error(400, f"Unknown service_code: {', '.join(unknown)}. "
                                    "The codes are listed at services.json.")
        concerns = concerns.filter(thread__topic__slug__in=codes)
    statuses = [s.lower() for s in _list(params.get("status"))]
    if statuses:
        wrong = sorted(set(statuses) - set(STATUSES))
        if wrong:
            raise Open311Error(400, f"Unknown status: {', '.join(wrong)}. Use open or closed.")
        concerns = concerns.filter(state__in=[s for name in statuses for s in STATUSES[name]])
    return concerns


def _window(start_text, end_text):
    """(start, end) of the search: the last 90 days by default; 90 days from a lone start or
    up to a lone end; never more than 90 days."""
    start, end = _datetime(start_text, "start_date"), _datetime(end_text, "end_date")
    if start and end:
        if start > end:
            raise Open311Error(400, "start_date must be before end_date.")
        if end - start > WINDOW:
            raise Open311Error(400, "start_date and end_date may not be more than 90 days apart.")
        return start, end
    try:
        if start:
            return start, start + WINDOW
        end = end or timezone.now()
        return end - WINDOW, end
    except OverflowError:
        raise Open311Error(400, "The dates are out of range.") from None


def _datetime(text, name):
    if not (text or "").strip():
        return None
    text = re.sub(r" (\d\d:?\d\d)$", r"+\1", text.strip())  # an unencoded "+" arrives as a space
    try:
        value = parse_datetime(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise Open311Error(400, f"{name} must be a W3C date and time with a time zone, "
                                f"such as 2026-03-01T09:30:00Z or 2026-03-01T09:30:00+01:00.")
    return value


def _ids(text):
    ids = [_number(part) for part in _list(text)]
    if None in ids:
        raise Open311Error(400, "service_request_id must be one number or several separated by "
                                "commas.")
    if len(ids) > MAX_RESULTS:
        raise Open311Error(400, f"Ask for at most {MAX_RESULTS} service_request_id values at once.")
    return ids


def _paging(params):
    """`page` and `page_size`: this server's extension to the spec (page_size at most 1000)."""
    page = _number(params.get("page", "1"))
    size = _number(params.get("page_size", str(MAX_RESULTS)))
    if not (page and page <= MAX_PAGE):
        raise Open311Error(400, f"page must be a whole number from 1 to {MAX_PAGE:,}.")
    if not (size and size <= MAX_RESULTS):
        raise Open311Error(400, f"page_size must be a whole number from 1 to {MAX_RESULTS}.")
    return page, size


def _number(text):
    """A positive whole number that fits a database id, or None (ASCII digits only)."""
    text = (text or "").strip()
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) and int(text) > 0 else None


def _list(text):
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _with_details(concerns):
    """Newest first, with what the JSON needs in a fixed number of queries."""
    latest = ConcernEvent.objects.filter(concern_id=OuterRef("pk"), is_public=True).order_by(
        "-created_at", "-id")
    return (
        concerns.select_related("thread__topic", "thread__neighbourhood", "landmark")
        .only("state", "published_at", "first_response_at", "thread__title", "thread__topic__name",
              "thread__topic__slug", "thread__neighbourhood__name", "latitude", "longitude",
              "landmark__latitude", "landmark__longitude")
        .annotate(note_label=Subquery(latest.values("actor_label")[:1]),
                  note_summary=Subquery(latest.values("summary")[:1]),
                  note_reason=Subquery(latest.values("reason")[:1]),
                  note_at=Subquery(latest.values("created_at")[:1]))
        .order_by("-published_at", "-id")
    )


def _requests_json(request, concerns):
    target = timedelta(days=_site_settings(request).response_target_days)
    agencies = defaultdict(list)  # names only: building Partner objects costs more than the SQL
    routes = ConcernRoute.objects.filter(concern__in=[c.pk for c in concerns])
    for concern_id, name in routes.order_by("partner__name").values_list("concern_id", "partner__name"):
        agencies[concern_id].append(name)
    return [_request_json(concern, target, agencies[concern.pk]) for concern in concerns]


def _request_json(concern, target, agencies):
    thread, topic = concern.thread, concern.thread.topic
    unanswered = concern.state in WAITING_STATES and concern.first_response_at is None
    return {
        "service_request_id": str(concern.pk),
        "status": "closed" if concern.state in CLOSED_STATES else "open",
        "status_notes": _status_notes(concern),
        "service_name": topic.name if topic else None,
        "service_code": topic.slug if topic else None,
        "description": f"{thread.title}\n\n{plain_text(concern.first_post_html)}".strip(),
        "agency_responsible": "; ".join(agencies),
        "requested_datetime": _w3c(concern.published_at),
        "updated_datetime": _w3c(concern.note_at or concern.published_at),
        "expected_datetime": _w3c(concern.published_at + target) if unanswered else None,
        "address": thread.neighbourhood.name if thread.neighbourhood else None,
        **_lat_long(concern),
    }


def _lat_long(concern):
    """Never the point a resident marked: snapped to the public grid (concerns/places.py).
    Left out when the resident gave no place (GeoReport makes them optional)."""
    point = places.public_point(concern)
    if point is None:
        return {}
    return {"lat": float(point.latitude), "long": float(point.longitude)}


def _status_notes(concern):
    if not concern.note_summary:
        return None
    note = f"{concern.note_label}: {concern.note_summary}"
    return f"{note}. Why: {concern.note_reason}" if concern.note_reason else note


def _w3c(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _site_settings(request):
    site = Site.find_for_request(request)
    return SiteSettings.for_site(site) if site else SiteSettings()


@endpoint
def not_found(request, rest=""):
    raise Open311Error(404, "No such Open311 resource. See discovery.json for the endpoints.")
