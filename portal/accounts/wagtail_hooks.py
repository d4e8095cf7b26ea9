from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    @actions.register_action("portal.account.role_granted")
    class RoleGranted(LogFormatter):
        label = "Grant role"

        def format_message(self, log_entry):
            return f"Granted role {log_entry.data.get('role')}"

    @actions.register_action("portal.account.role_revoked")
    class RoleRevoked(LogFormatter):
        label = "Revoke role"

        def format_message(self, log_entry):
            return f"Revoked role {log_entry.data.get('role')}"

    @actions.register_action("portal.account.anonymised")
    class Anonymised(LogFormatter):
        label = "Delete account (anonymise)"

        def format_message(self, log_entry):
            return "Account closed at the resident's request; what they wrote was anonymised"
