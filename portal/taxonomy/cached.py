"""Topics and neighbourhoods, read from the cache.

They are short lists that editors rarely change and that filter forms and thread lists show on
many pages, so they are kept in one cache entry and loaded from the database only when it is
missing. Saving or deleting a topic or neighbourhood clears the entry at once and again after
the transaction commits (as portal/chrome.py does); the short timeout covers deployments
without REDIS_URL, where a change made in another process cannot clear this one's cache.
"""

from portal.caching import CachedValue

from .models import Neighbourhood, Topic

TAXONOMY = CachedValue("portal:taxonomy:v2", 60, models=(Topic, Neighbourhood))


def topics():
    """Every topic, by name."""
    return _lists()["topics"]


def neighbourhoods():
    """Every neighbourhood, by name."""
    return _lists()["neighbourhoods"]


def topic_names():
    """{topic id: name in the page's language}."""
    return _in_page_language(_lists(), "topic_names")


def neighbourhood_names():
    """{neighbourhood id: name in the page's language}."""
    return _in_page_language(_lists(), "neighbourhood_names")


def _in_page_language(lists, key):
    """lists[key] ({id: name}) with each name the editors translated into the page's language."""
    from portal.languages import translated_code

    code = translated_code()
    translated = lists.get(f"{key}_{code}") if code else None
    if translated:
        return {pk: translated.get(pk) or name for pk, name in lists[key].items()}
    return lists[key]


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
        "neighbourhood_names_es": {area.pk: area.name_es for area in all_neighbourhoods if area.name_es},
    }


def clear():
    TAXONOMY.clear()


def connect():
    """Called once from the taxonomy app's ready()."""
    TAXONOMY.connect()
