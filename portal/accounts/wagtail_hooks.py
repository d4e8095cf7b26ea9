from wagtail import hooks

from portal.log_actions import register_log_actions

LOG_ACTIONS = {
    "portal.account.role_granted": ("Grant role", lambda entry: f"Granted role {entry.data.get('role')}"),
    "portal.account.role_revoked": ("Revoke role", lambda entry: f"Revoked role {entry.data.get('role')}"),
    "portal.account.anonymised": (
        "Delete account (anonymise)",
        "Account closed at the resident's request; what they wrote was anonymised",
    ),
}


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    register_log_actions(actions, LOG_ACTIONS)
