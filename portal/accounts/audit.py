"""The audit log, keeping residents' accounts off it.

Wagtail shows a log entry's user to whoever may open the entry: the site history report and its
CSV/XLSX export, page and snippet history, and the report's user filter. A resident's own actions
(raising a concern, posting, flagging, RSVPing) are therefore recorded with no user; the account
is kept in the entry's data under `resident`, which no Wagtail view renders, for moderators and
the resident's own data export. Staff actions keep their user: staff act as staff.
"""

from wagtail.log_actions import registry

RESIDENT_KEY = "resident"


def log(instance, action, user=None, data=None, **kwargs):
    """Wagtail's `log()`, with `user` left off the entry unless the account acts as staff."""
    if user is not None and not user.is_staff_member:
        data = {**(data or {}), RESIDENT_KEY: user.pk}
        model = registry.get_log_model_for_instance(instance)
        if model is None:
            return None
        return model.objects.log_action(instance, action, user=None, data=data, **kwargs)
    return registry.log(instance, action, user=user, data=data, **kwargs)


def resident_of(log_entry):
    """The account behind a resident's log entry, or None. For moderators' eyes only: callers
    ask `permissions.can_see_account` first."""
    return (log_entry.data or {}).get(RESIDENT_KEY)
