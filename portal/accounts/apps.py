from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "portal.accounts"
    label = "accounts"
    verbose_name = gettext_lazy("Accounts and roles")

    def ready(self):
        from . import admin_language, second_factor  # noqa: F401  (connect their signal receivers)
        from .role_setup import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="portal.ensure_role_groups")


class PortalUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our display name, neighbourhood and partner fields."""

    user_viewset = "portal.accounts.admin_views.UserViewSet"
