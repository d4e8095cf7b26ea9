"""What the forums show on other pages through portal.sections."""

from wagtail.models import Site

from .models import ForumIndexPage


def latest_on_home(request):
    from .views import latest_threads

    site = Site.find_for_request(request)
    forum = ForumIndexPage.objects.live().public().descendant_of(site.root_page).first() if site else None
    if forum is None:
        return {"forum": None, "threads": []}
    return {"forum": forum, "threads": list(latest_threads(forum, 5))}
