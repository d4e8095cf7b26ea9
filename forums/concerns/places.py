"""Where a concern happened, without exposing anyone.

A resident may choose a landmark (a public place editors list) or mark a point on the map. The
exact point is kept for the liaisons of the partners the concern is routed to; every other
surface (the public page, Open311, the API) shows it snapped to the centre of a grid cell of
`CONCERN_LOCATION_GRID_METRES` (default 250 m). A landmark's own point is public already, and
is snapped the same way so nothing tells the two apart.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import permissions

METRES_PER_DEGREE = 111_320  # of latitude, and of longitude at the equator
PLACES = Decimal("0.00001")


@dataclass(frozen=True, slots=True)
class Point:
    latitude: Decimal
    longitude: Decimal


def grid_metres():
    return max(int(getattr(settings, "CONCERN_LOCATION_GRID_METRES", 250)), 1)


def snap(latitude, longitude, metres=None):
    """The centre of the grid cell holding the point: cells are `metres` high, and as wide in
    metres at their own latitude, so every point in a cell gives the same answer."""
    metres = metres or grid_metres()
    lat_step = metres / METRES_PER_DEGREE
    lat = (math.floor(float(latitude) / lat_step) + 0.5) * lat_step
    lng_step = metres / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    lng = (math.floor(float(longitude) / lng_step) + 0.5) * lng_step
    return Point(_decimal(lat), _decimal(lng))


def _decimal(value):
    return Decimal(str(value)).quantize(PLACES, rounding=ROUND_HALF_UP)


def clean_point(latitude, longitude):
    """Both or neither; on the Earth. Returns (latitude, longitude) as Decimals or (None, None)."""
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    try:
        lat, lng = Decimal(str(latitude)), Decimal(str(longitude))
    except (ArithmeticError, ValueError):
        raise ValidationError(_("The place marked on the map could not be read: mark it again.")) from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValidationError(_("The place marked on the map is not on the map: mark it again."))
    return lat.quantize(PLACES), lng.quantize(PLACES)


def exact_point(concern):
    if concern.latitude is None or concern.longitude is None:
        return None
    return Point(concern.latitude, concern.longitude)


def public_point(concern):
    """What anyone may see: the marked point, or else the landmark's, snapped to the grid."""
    point = exact_point(concern)
    if point is None and concern.landmark_id:
        point = Point(concern.landmark.latitude, concern.landmark.longitude)
    return snap(point.latitude, point.longitude) if point else None


def place_for(user, concern):
    """The concern page's "Where" for `user`: landmark, public point, and the exact point only
    for the routed partners' liaisons."""
    show_exact = permissions.can_see_exact_place(user, concern)
    return {
        "landmark": concern.landmark if concern.landmark_id else None,
        "public_point": public_point(concern),
        "exact_point": exact_point(concern) if show_exact else None,
        "grid_metres": grid_metres(),
    }
