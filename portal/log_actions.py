"""Our action types in Wagtail's audit log: one call registers a table of them."""

from wagtail.log_actions import LogFormatter


def register_log_actions(actions, table):
    """Register each `action: (label, message)` of `table` with Wagtail's log registry (the
    `actions` a `register_log_actions` hook receives). `message` is the text the admin's history
    shows: a string, a function of the log entry, or None to show the label."""
    for action, (label, message) in table.items():
        actions.register_action(action)(formatter(label, message))


def formatter(label_text, message=None):
    class Formatter(LogFormatter):
        label = label_text

        def format_message(self, log_entry):
            if message is None:
                return label_text
            return message(log_entry) if callable(message) else message

    return Formatter


def with_reason(text):
    """A message followed by the reason the actor gave, if any: "Hid a post: spam"."""

    def message(log_entry):
        reason = log_entry.data.get("reason")
        return f"{text}: {reason}" if reason else text

    return message
