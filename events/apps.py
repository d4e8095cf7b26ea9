from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = gettext_lazy("Events")

    def ready(self):
        from wagtail.signals import page_published

        from portal.accounts.signals import anonymise_user_data, collect_user_data
        from portal.sections import register_section

        from . import sections, signals
        from .models import EventPage

        register_section("home", "events/includes/home_upcoming.html", sections.home_upcoming, order=20)
        register_section("partner", "events/includes/partner_events.html", sections.partner_events)
        page_published.connect(signals.event_published, sender=EventPage,
                               dispatch_uid="events_event_published")
        collect_user_data.connect(signals.collect_rsvps, dispatch_uid="events_collect_rsvps")
        anonymise_user_data.connect(signals.forget_rsvps, dispatch_uid="events_forget_rsvps")
