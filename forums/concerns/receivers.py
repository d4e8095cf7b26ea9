"""Concerns listen to the forum rather than the forum calling them: a concern is routed when
its thread and first post become visible (at once, or when moderation approves them)."""

from forums.models import Post, Thread, ThreadKind


def on_forum_content_changed(sender, instance, change, **kwargs):
    if change != "shown":
        return
    thread = instance if isinstance(instance, Thread) else None
    if isinstance(instance, Post):
        thread = instance.thread
    if thread is None or thread.kind != ThreadKind.CONCERN:
        return
    from . import actions

    actions.publish(thread)
