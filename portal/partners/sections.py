"""Sections other apps add to a partner's public page, without portal importing them.

An app registers in its AppConfig.ready():

    register_partner_section("events/partner_events.html", upcoming_events_for_partner)

where the function takes the partner and returns the template's context.
"""

_sections = []


def register_partner_section(template_name, get_context, order=100):
    _sections.append((order, template_name, get_context))
    _sections.sort(key=lambda item: item[0])


def sections_for(partner):
    return [(template_name, get_context(partner)) for _order, template_name, get_context in _sections]
