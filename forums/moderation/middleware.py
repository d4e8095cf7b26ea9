"""Suspended accounts are signed out on their next request and told why and until when."""

from django.contrib.auth import logout
from django.shortcuts import render

from . import permissions


class SuspensionMiddleware:
    """A suspended account is signed out on its next request and told why and until when."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and permissions.is_suspended(user):
            sanction = permissions.active_sanction(user, "suspended")
            logout(request)
            return render(request, "moderation/suspended.html", {"sanction": sanction}, status=403)
        return self.get_response(request)
