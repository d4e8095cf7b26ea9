from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
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


@hooks.register("on_serve_page", order=-10)  # outside Wagtail's own view restriction check
def refuse_signed_in_accounts_a_restricted_page(serve):
    """A page restricted to signed-in accounts or to some groups answers 403 to a signed-in account
    it does not admit: Wagtail sends it to sign in, and the sign-in page sends a signed-in account
    straight back (a loop). Visitors are still sent to sign in."""

    def inner(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        if (request.user.is_authenticated and response.status_code == 302
                and response.url.startswith(resolve_url(settings.WAGTAIL_FRONTEND_LOGIN_URL))):
            raise PermissionDenied("This page is not open to your account.")
        return response

    return inner
