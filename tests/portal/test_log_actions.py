"""Our action types in Wagtail's audit log, registered through portal.log_actions."""

from types import SimpleNamespace

import pytest
from wagtail.log_actions import registry


def entry(action, **data):
    return SimpleNamespace(action=action, data=data)


@pytest.mark.parametrize(("action", "data", "label", "message"), [
    ("moderation.post.hidden", {"reason": "spam"}, "Hide post", "Hid a post: spam"),
    ("moderation.post.hidden", {}, "Hide post", "Hid a post"),
    ("concerns.claimed", {}, "Claimed or assigned a concern", "Claimed or assigned a concern"),
    ("forums.post.created", {}, "Reply", "Posted a reply"),
    ("events.occurrence_cancelled", {"date": "2026-12-07"}, "Cancel one date",
     "Cancelled the date 2026-12-07"),
    ("portal.account.role_granted", {"role": "editor"}, "Grant role", "Granted role editor"),
])
def test_each_app_registers_its_log_actions_with_a_label_and_a_message(action, data, label, message):
    log_entry = entry(action, **data)

    assert registry.action_exists(action)
    assert registry.get_action_label(action) == label
    assert registry.get_formatter(log_entry).format_message(log_entry) == message
