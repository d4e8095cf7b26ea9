from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ConcernsConfig(AppConfig):
    name = "forums.concerns"
    label = "concerns"
    verbose_name = gettext_lazy("Concerns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from forums.signals import content_changed
        from portal.accounts.signals import anonymise_user_data, collect_user_data
        from portal.sections import register_section

        from . import account_data, public, receivers

        register_section("home", "concerns/includes/home_raise.html", public.home_section, order=5)
        register_section("account", "concerns/includes/my_concerns.html", public.my_concerns,
                         order=10)
        register_section("partner", "concerns/includes/partner_answers.html",
                         public.partner_answers_section, order=50)

        content_changed.connect(receivers.on_forum_content_changed,
                                dispatch_uid="concerns.on_forum_content_changed")
        collect_user_data.connect(account_data.export_concern_data,
                                  dispatch_uid="concerns.export_concern_data")
        anonymise_user_data.connect(account_data.anonymise_concern_data,
                                    dispatch_uid="concerns.anonymise_concern_data")
