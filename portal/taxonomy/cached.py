"""Topics and neighbourhoods, read from the cache.

They are short lists that editors rarely change and that filter forms and thread lists show on
many pages, so they are kept in one cache entry and loaded from the database only when it is
missing. Saving or deleting a topic or neighbourhood clears the entry at once and again after
the transaction commits (as portal/chrome.py does); the short timeout covers deployments
without REDIS_URL, where a change made in another process cannot clear this one's cache.
"""

from portal.caching import CachedValue

from .models import Neighbourhood, Topic

TAXONOMY = CachedValue("portal:taxonomy:v1", 60, models=(Topic, Neighbourhood))


def topics():
    """Every topic, by name."""
    return _lists()["topics"]


def neighbourhoods():
    """Every neighbourhood, by name."""
    return _lists()["neighbourhoods"]


def topic_names():
    """{topic id: name}, in the page's language."""
    from portal.languages import translated_code

    lists = _lists()
    names, code = lists["topic_names"], translated_code()
    spanish = lists.get(f"topic_names_{code}") if code else None
    if spanish:
        return {pk: spanish.get(pk) or name for pk, name in names.items()}
    return names


def neighbourhood_names():
    """{neighbourhood id: name}."""
    return _lists()["neighbourhood_names"]


def _lists():
    return TAXONOMY.get(_build)


def _build():
    all_topics = list(Topic.objects.order_by("name"))
    all_neighbourhoods = list(Neighbourhood.objects.order_by("name"))
    return {
        "topics": all_topics,
        "neighbourhoods": all_neighbourhoods,
        "topic_names": {topic.pk: topic.name for topic in all_topics},
        "topic_names_es": {topic.pk: topic.name_es for topic in all_topics if topic.name_es},
        "neighbourhood_names": {area.pk: area.name for area in all_neighbourhoods},
    }


def clear():
    TAXONOMY.clear()


def connect():
    """Called once from the taxonomy app's ready()."""
    TAXONOMY.connect()
