from wagtail import hooks
from wagtail.log_actions import LogFormatter

ACTIONS = {
    "forums.thread.started": ("Start thread", "Started a thread"),
    "forums.post.created": ("Reply", "Posted a reply"),
    "forums.post.edited": ("Edit post", "Edited a post (the earlier version is kept)"),
    "forums.post.visibility": ("Change post visibility", None),
    "forums.thread.visibility": ("Change thread visibility", None),
}


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action)(_formatter(label, message))


def _formatter(label_text, message):
    class Formatter(LogFormatter):
        label = label_text

        def format_message(self, log_entry):
            if message:
                return message
            reason = log_entry.data.get("reason") or "no reason given"
            return f"Set to {log_entry.data.get('visibility')}: {reason}"

    return Formatter
