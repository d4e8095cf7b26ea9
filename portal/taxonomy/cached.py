"""Topics and neighbourhoods, read from the cache.

They are short lists that editors rarely change and that filter forms and thread lists show on
many pages, so they are kept in one cache entry and loaded from the database only when it is
missing. Saving or deleting a topic or neighbourhood clears the entry at once and again after
the transaction commits (as portal/chrome.py does); the short timeout covers deployments
without REDIS_URL, where a change made in another process cannot clear this one's cache.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import Neighbourhood, Topic

CACHE_SECONDS = 60
KEY = "portal:taxonomy:v1"


def topics():
    """Every topic, by name."""
    return _lists()["topics"]


def neighbourhoods():
    """Every neighbourhood, by name."""
    return _lists()["neighbourhoods"]


def topic_names():
    """{topic id: name}."""
    return _lists()["topic_names"]


def neighbourhood_names():
    """{neighbourhood id: name}."""
    return _lists()["neighbourhood_names"]


def _lists():
    lists = cache.get(KEY)
    if lists is None:
        all_topics = list(Topic.objects.order_by("name"))
        all_neighbourhoods = list(Neighbourhood.objects.order_by("name"))
        lists = {
            "topics": all_topics,
            "neighbourhoods": all_neighbourhoods,
            "topic_names": {topic.pk: topic.name for topic in all_topics},
            "neighbourhood_names": {area.pk: area.name for area in all_neighbourhoods},
        }
        cache.set(KEY, lists, CACHE_SECONDS)
    return lists


def clear():
    cache.delete(KEY)


def _changed(**kwargs):
    clear()
    transaction.on_commit(clear)


def connect():
    """Called once from the taxonomy app's ready()."""
    for model in (Topic, Neighbourhood):
        name = model.__name__
        post_save.connect(_changed, sender=model, dispatch_uid=f"portal.taxonomy.saved.{name}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal.taxonomy.deleted.{name}")
