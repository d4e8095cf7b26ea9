from wagtail import hooks

from portal.log_actions import register_log_actions

ACTIONS = {
    "forums.thread.started": ("Start thread", "Started a thread"),
    "forums.post.created": ("Reply", "Posted a reply"),
    "forums.post.edited": ("Edit post", "Edited a post (the earlier version is kept)"),
    "forums.post.visibility": ("Change post visibility", lambda entry: _visibility_message(entry)),
    "forums.thread.visibility": ("Change thread visibility", lambda entry: _visibility_message(entry)),
}


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    register_log_actions(actions, ACTIONS)


def _visibility_message(log_entry):
    reason = log_entry.data.get("reason") or "no reason given"
    return f"Set to {log_entry.data.get('visibility')}: {reason}"
