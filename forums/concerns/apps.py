from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "forums.concerns"
    label = "concerns"
    verbose_name = "Concerns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from forums.signals import content_changed

        from . import receivers

        content_changed.connect(receivers.on_forum_content_changed,
                                dispatch_uid="concerns.on_forum_content_changed")
