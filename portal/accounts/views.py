import base64
import json

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal.sections import sections_for

from . import actions, invitations, mfa, queries
from .forms import AcceptInvitationForm, DeleteAccountForm, ProfileForm, ResendVerificationForm
from .models import User

RESENT = ("If an account with that address is waiting to be confirmed, we have sent the email "
          "again. It can take a few minutes; check your spam folder too. You can ask again in "
          "3 minutes.")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        actions.update_profile(request.user, **form.cleaned_data)
        messages.success(request, "Your profile was saved.")
        return redirect("account_profile")
    return render(request, "accounts/profile.html",
                  {"form": form, "account_sections": sections_for("account", request)})


@login_required
@require_POST
def export_data(request):
    data = queries.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="common-ground-my-data.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.delete_account(request.user, by=request.user)
        logout(request)
        messages.success(request, "Your account was closed. What you wrote is now anonymous.")
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})


INVITATION_SECRET_KEY = "staff_invitation_totp_secret"  # noqa: S105 (a session key)


def accept_invitation(request, token):
    """The invited person's one page: display name, password and TOTP. Success signs them in
    with both factors, straight into the staff admin."""
    invitation = invitations.open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        logout(request)
    secrets_by_invitation = request.session.get(INVITATION_SECRET_KEY, {})
    secret = secrets_by_invitation.get(str(invitation.pk)) or mfa.new_totp_secret()
    request.session[INVITATION_SECRET_KEY] = {**secrets_by_invitation, str(invitation.pk): secret}
    form = AcceptInvitationForm(request.POST or None, email=invitation.email, totp_secret=secret)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept_invitation(
                token, display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"], totp_secret=secret)
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError)
                           else str(error))
        else:
            request.session.pop(INVITATION_SECRET_KEY, None)
            login(request, user, backend="portal.accounts.backends.ModelBackend")
            mfa.record_factor(request, user, "password")
            mfa.record_factor(request, user, mfa.MFA, type="totp", activated=True)
            messages.success(request, "Welcome. Your staff account is ready.")
            return redirect("wagtailadmin_home")
    adapter = get_mfa_adapter()
    totp_url = adapter.build_totp_url(User(email=invitation.email), secret)
    qr_code = base64.b64encode(adapter.build_totp_svg(totp_url).encode()).decode()
    return render(request, "accounts/accept_invitation.html", {
        "form": form, "invitation": invitation, "secret": secret,
        "qr_code_uri": f"data:image/svg+xml;base64,{qr_code}",
    })


def verification_sent(request):
    """allauth's "verify your email" page, with a form to send the email again."""
    return render(request, "account/verification_sent.html",
                  {"resend_form": ResendVerificationForm(initial={"email": _pending_email(request)})})


@require_POST
def resend_verification(request):
    """Send the confirmation email again. The answer is the same whether or not the address has
    an account (no enumeration); allauth's `confirm_email` rate limit applies per address."""
    form = ResendVerificationForm(request.POST)
    if not form.is_valid():
        return render(request, "account/verification_sent.html", {"resend_form": form}, status=400)
    actions.resend_verification(request, form.cleaned_data["email"])
    messages.info(request, RESENT)
    return redirect("account_email_verification_sent")


def _pending_email(request):
    """The address of the sign-up or sign-in waiting for confirmation in this session, if any."""
    if request.user.is_authenticated:
        return request.user.email
    login = mfa.pending_login(request)
    return (login.email or getattr(login.user, "email", "")) if login else ""
