"""What the forums show on other pages through portal.sections."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Site

from .models import ForumIndexPage, Notification, Visibility


def unread_notification_count():
    """The header's count: threads with unread notifications and unread notices from the
    moderators, loaded with the signed-in account
    (portal.accounts.backends), so no page pays a query of its own for it."""
    from .moderation.models import Notice

    unread = (Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True,
                                          thread__visibility=Visibility.VISIBLE)
              .order_by().values("user").annotate(n=Count("pk")).values("n"))
    notices = (Notice.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
               .order_by().values("user").annotate(n=Count("pk")).values("n"))
    return (Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))
            + Coalesce(Subquery(notices, output_field=IntegerField()), Value(0)))


def latest_on_home(request):
    from .views import latest_threads

    site = Site.find_for_request(request)
    forum = ForumIndexPage.objects.live().public().descendant_of(site.root_page).first() if site else None
    if forum is None:
        return {"forum": None, "threads": []}
    return {"forum": forum, "threads": list(latest_threads(forum, 5))}
