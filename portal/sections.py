"""Sections other apps add to portal pages (the home page, a partner's page) without portal
importing them, which would break the layering.

An app registers them in its AppConfig.ready():

    register_section("home", "events/home_upcoming.html", upcoming_events, order=20)
    register_section("partner", "events/partner_events.html", events_for_partner)

The function gets the page's subject (the request for "home" and "account", the partner for
"partner") and
returns the context the template sees as `section`.
"""

from collections import defaultdict

PLACES = ("home", "partner", "account")
_sections = defaultdict(list)


def register_section(place, template_name, get_context, order=100):
    if place not in PLACES:
        raise ValueError(f"Unknown place {place!r}; use one of {PLACES}")
    entry = (order, template_name, get_context)
    if entry not in _sections[place]:
        _sections[place].append(entry)
        _sections[place].sort(key=lambda item: item[0])


def sections_for(place, subject):
    """[(template_name, context)] for `place`, in order."""
    return [(template, get_context(subject)) for _order, template, get_context in _sections[place]]
