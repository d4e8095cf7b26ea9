import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import actions
from .forms import DeleteAccountForm, ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        actions.update_profile(request.user, **form.cleaned_data)
        messages.success(request, "Your profile was saved.")
        return redirect("account_profile")
    return render(request, "accounts/profile.html", {"form": form})


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
