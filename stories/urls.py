from django.urls import path

from .feeds import LatestStoriesAtomFeed, LatestStoriesFeed

urlpatterns = [
    path("stories/feed/rss/", LatestStoriesFeed(), name="stories_feed_rss"),
    path("stories/feed/atom/", LatestStoriesAtomFeed(), name="stories_feed_atom"),
]
