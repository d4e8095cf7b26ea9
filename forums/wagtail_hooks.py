from wagtail import hooks

from portal.log_actions import register_log_actions

ACTIONS = {
    "forums.thread.started": ("Start thread", "Started a thread"),
    "forums.post.created": ("Reply", "Posted a reply"),
    "forums.post.edited": ("Edit post", "Edited a post (the earlier version is kept)"),
}


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    register_log_actions(actions, ACTIONS)
