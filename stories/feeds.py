"""RSS and Atom feeds of new partnership reports and case studies (live and public only)."""

from django.utils.feedgenerator import Atom1Feed

from portal.feeds import PublicAddressFeed
from portal.translations import localized

from .models import CaseStudyPage, ReportPage

FEED_LENGTH = 20


def latest_stories(limit=FEED_LENGTH):
    """The newest live, public reports and case studies, newest first."""
    stories = []
    for model in (ReportPage, CaseStudyPage):
        stories += localized(model.objects.live().public()).order_by("-first_published_at")[:limit]
    stories.sort(key=lambda page: page.first_published_at, reverse=True)
    return stories[:limit]


class LatestStoriesFeed(PublicAddressFeed):
    title = "Common Ground: new reports and case studies"
    link = "/"
    description = "Partnership reports and case studies as they are published."

    def items(self):
        return latest_stories()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.story_kind]


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description
