from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ModerationConfig(AppConfig):
    name = "forums.moderation"
    label = "moderation"
    verbose_name = gettext_lazy("Moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.accounts.forms import DISPLAY_NAME_CHECKS
        from portal.accounts.signals import anonymise_user_data, collect_user_data

        from . import account_data, policy

        if policy.check_display_name not in DISPLAY_NAME_CHECKS:
            DISPLAY_NAME_CHECKS.append(policy.check_display_name)

        collect_user_data.connect(account_data.export_moderation_data,
                                  dispatch_uid="moderation.export_moderation_data")
        anonymise_user_data.connect(account_data.anonymise_moderation_data,
                                    dispatch_uid="moderation.anonymise_moderation_data")
