from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button

from portal.log_actions import register_log_actions

STATUS_TEXT = {"going": gettext_lazy("going"), "waiting": gettext_lazy("on the waiting list"),
               "not_going": gettext_lazy("not going")}


def _rsvp_message(log_entry):
    status = STATUS_TEXT.get(log_entry.data.get("status"), gettext_lazy("answered"))
    when = log_entry.data.get("occurrence")
    if when:
        return gettext("RSVP: %(status)s (%(when)s)") % {"status": status, "when": when}
    return gettext("RSVP: %(status)s") % {"status": status}


LOG_ACTIONS = {
    "events.rsvp": (gettext_lazy("RSVP"), _rsvp_message),
    "events.rsvp_promoted": (gettext_lazy("Promote from waiting list"),
                             gettext_lazy("A place came free and went to the first person waiting")),
    "events.cancelled": (gettext_lazy("Cancel event"),
                         gettext_lazy("Cancelled the event; people going are told by email")),
    "events.occurrence_cancelled": (gettext_lazy("Cancel one date"),
                                    lambda entry: gettext("Cancelled the date %(date)s")
                                    % {"date": entry.data.get("date")}),
}


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    register_log_actions(actions, LOG_ACTIONS)


class ComingEventsPanel(Component):
    """Admin dashboard: coming events the user organises (liaisons) or edits, with RSVP counts
    and a link to who is coming."""

    name = "events_coming"
    template_name = "events/admin/coming_events_panel.html"
    order = 150

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = self.rows
        return context


@hooks.register("construct_homepage_panels")
def add_coming_events_panel(request, panels):
    from .admin_queries import coming_events_with_counts

    rows = coming_events_with_counts(request.user)
    if rows:
        panels.append(ComingEventsPanel(rows))


@hooks.register("register_page_listing_more_buttons")
def who_is_coming_button(page, user, next_url=None):
    from . import permissions
    from .models import EventPage

    if page.specific_class is EventPage and page.live and permissions.can_see_attendees(user, page.specific):
        yield Button(gettext_lazy("Who is coming"), url=page.url + "attendees/", icon_name="group",
                     priority=90)
    yield from cancel_event_button(page, user)


@hooks.register("register_page_header_buttons")
def cancel_event_header_button(page, user, view_name, next_url=None):
    yield from cancel_event_button(page, user)


def cancel_event_button(page, user):
    """On a live event the user may cancel: the confirmation page, which also offers one date."""
    from . import permissions
    from .models import EventPage

    if page.specific_class is not EventPage or not page.live:
        return
    event = page.specific
    if not event.is_cancelled and permissions.can_cancel_event(user, event):
        yield Button(gettext_lazy("Cancel this event"), url=event.url + "cancel/", icon_name="cross",
                     priority=95)
