from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from portal import emails, languages

from . import actions


class AccountAdapter(DefaultAccountAdapter):
    """New sign-ups get their display name and become residents; allauth's emails (sign-up,
    confirmation, password reset, MFA notices) go through the outbox instead of SMTP inside the
    request, so a mail server outage neither fails the page nor loses the message."""

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.display_name = data.get("display_name") or user.display_name
        user.neighbourhood = data.get("neighbourhood")
        # Signed up on a Spanish page: their emails are in Spanish (changeable in the profile).
        user.preferred_language = user.preferred_language or languages.chosen_on_page()
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            actions.make_resident(user)
        return user

    def get_login_redirect_url(self, request):
        """After signing in, signing up, confirming an email address (which signs in) or signing
        out without a `next` address: the page in the language of the page they were on (/es/
        from a Spanish one)."""
        return languages.localised(super().get_login_redirect_url(request))

    def get_signup_redirect_url(self, request):
        return languages.localised(super().get_signup_redirect_url(request))

    def get_email_verification_redirect_url(self, email_address):
        return languages.localised(super().get_email_verification_redirect_url(email_address))

    def get_logout_redirect_url(self, request):
        return languages.localised(super().get_logout_redirect_url(request))

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed sign-ins are counted per account *and* client address (allauth counts per
        account alone), so someone elsewhere guessing a resident's password cannot lock the
        resident out. Each address still has its own limit across accounts ("10/m/ip")."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}:{account}"

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's send_mail renders then calls send(): the message it gets queues itself. To a
        known account it is written in the account's language, else in the page's."""
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            message = super().render_mail(template_prefix, email, context, headers=headers)
        return _Queued(message, template_prefix)


class _Queued:
    """Stands in for the rendered message: `send()` writes it to the outbox."""

    def __init__(self, message, template_prefix):
        self.message, self.template_prefix = message, template_prefix

    def send(self, fail_silently=False):
        message = self.message
        html = next((content for content, mimetype in getattr(message, "alternatives", [])
                     if mimetype == "text/html"), "")
        body = message.body
        if getattr(message, "content_subtype", "plain") == "html":
            body, html = "", message.body
        emails.queue_rendered(to=message.to, subject=message.subject, body=body, html_body=html,
                              headers=dict(message.extra_headers), template=self.template_prefix)
        return 1
