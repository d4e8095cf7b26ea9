"""Moderation in the Wagtail admin: log actions, the review queue, watched words, bulk actions."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter

LOG_ACTIONS = {
    "moderation.post.held": ("Hold post for review", "Held a post for review"),
    "moderation.post.urgent": ("Mark post urgent", "Put a post at the top of the queue"),
    "moderation.post.flagged": ("Flag post", "Flagged a post"),
    "moderation.post.hidden_by_flags": ("Hide post after flags", "Hid a post after enough flags"),
    "moderation.post.hidden": ("Hide post", "Hid a post"),
    "moderation.post.restored": ("Restore post", "Restored a post"),
    "moderation.post.redacted": ("Redact post", "Redacted a post (the original is kept)"),
    "moderation.item.claimed": ("Claim review item", "Claimed a review item"),
    "moderation.item.released": ("Release review item", "Released a review item"),
    "moderation.item.approved": ("Approve post", "Approved a post"),
    "moderation.item.rejected": ("Reject post", "Rejected a post"),
    "moderation.thread.locked": ("Lock thread", "Locked a thread"),
    "moderation.thread.unlocked": ("Unlock thread", "Unlocked a thread"),
    "moderation.thread.moved": ("Move thread", "Moved a thread to another board"),
    "moderation.user.trust_level": ("Set trust level", "Set an account's trust level"),
    "moderation.user.silenced": ("Silence account", "Silenced an account"),
    "moderation.user.suspended": ("Suspend account", "Suspended an account"),
    "moderation.user.silenced_lifted": ("Lift silence", "Lifted an account's silence"),
    "moderation.user.suspended_lifted": ("Lift suspension", "Lifted an account's suspension"),
}


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action)(_formatter(label, message))


def _formatter(label_text, message):
    class Formatter(LogFormatter):
        label = label_text

        def format_message(self, log_entry):
            why = log_entry.data.get("reason")
            return f"{message}: {why}" if why else message

    return Formatter
