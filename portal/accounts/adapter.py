from allauth.account.adapter import DefaultAccountAdapter

from . import actions


class AccountAdapter(DefaultAccountAdapter):
    """New sign-ups get their display name and become residents."""

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.display_name = data.get("display_name") or user.display_name
        user.neighbourhood = data.get("neighbourhood")
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            actions.make_resident(user)
        return user
