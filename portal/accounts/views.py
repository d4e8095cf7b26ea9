import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal.sections import sections_for

from . import actions
from .forms import DeleteAccountForm, ProfileForm, ResendVerificationForm

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
    data = actions.export_user_data(request.user)
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
    from allauth.account.internal.stagekit import unstash_login

    login = unstash_login(request, peek=True)
    return (login.email or getattr(login.user, "email", "")) if login else ""
