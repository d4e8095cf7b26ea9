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

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed sign-ins are counted per account *and* client address (allauth counts per
        account alone), so someone elsewhere guessing a resident's password cannot lock the
        resident out. Each address still has its own limit across accounts ("10/m/ip")."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}:{account}"
