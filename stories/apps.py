from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"

    def ready(self):
        from portal.sections import register_section

        from .sections import home_stories, partner_stories

        register_section("home", "stories/home_stories.html", home_stories, order=30)
        register_section("partner", "stories/partner_stories.html", partner_stories, order=30)
