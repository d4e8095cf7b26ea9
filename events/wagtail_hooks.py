from wagtail import hooks
from wagtail.log_actions import LogFormatter

STATUS_TEXT = {"going": "going", "waiting": "on the waiting list", "not_going": "not going"}


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    @actions.register_action("events.rsvp")
    class Rsvp(LogFormatter):
        label = "RSVP"

        def format_message(self, log_entry):
            status = STATUS_TEXT.get(log_entry.data.get("status"), "answered")
            when = log_entry.data.get("occurrence")
            return f"RSVP: {status}" + (f" ({when})" if when else "")

    @actions.register_action("events.rsvp_promoted")
    class Promoted(LogFormatter):
        label = "Promote from waiting list"

        def format_message(self, log_entry):
            return "A place came free and went to the first person waiting"

    @actions.register_action("events.cancelled")
    class Cancelled(LogFormatter):
        label = "Cancel event"

        def format_message(self, log_entry):
            return "Cancelled the event; people going are told by email"

    @actions.register_action("events.occurrence_cancelled")
    class OccurrenceCancelled(LogFormatter):
        label = "Cancel one date"

        def format_message(self, log_entry):
            return f"Cancelled the date {log_entry.data.get('date')}"
