from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"

    def ready(self):
        from django.db.models.signals import pre_save

        from portal.sections import register_section

        from .sections import home_stories, partner_stories
        from .workflows import keep_first_publication

        register_section("home", "stories/home_stories.html", home_stories, order=30)
        register_section("partner", "stories/partner_stories.html", partner_stories, order=30)
        pre_save.connect(keep_first_publication, dispatch_uid="stories.keep_first_publication")
