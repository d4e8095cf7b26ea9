from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.accounts.backends import annotate_account
        from portal.accounts.signals import anonymise_user_data, collect_user_data
        from portal.sections import register_section

        from . import account_data, sections

        collect_user_data.connect(account_data.export_forum_data,
                                  dispatch_uid="forums.export_forum_data")
        anonymise_user_data.connect(account_data.anonymise_forum_data,
                                    dispatch_uid="forums.anonymise_forum_data")
        annotate_account("unread_notification_count", sections.unread_notification_count)
        register_section("home", "forums/home_latest.html", sections.latest_on_home, order=30)
