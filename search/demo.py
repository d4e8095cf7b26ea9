"""Demo: a starter list of search synonyms, and an index of everything seed_demo created, so
search works at once without a task worker."""

import logging

logger = logging.getLogger(__name__)


# Words residents use -> what the site's pages say (editors change them under Settings).
STARTER_SYNONYMS = [
    ("narcan", "naloxone", True),
    ("rehab", "treatment, recovery", False),
    ("detox", "detoxification, withdrawal, treatment", False),
    ("sharps", "needle, syringe", False),
    ("needle exchange", "syringe service, needle and syringe programme", True),
    ("syringe", "needle", True),
    ("od", "overdose", True),
    ("cops", "police", False),
    ("booze", "alcohol", False),
    ("methadone", "opioid substitution", True),
    ("counselling", "counseling, therapy", True),
    ("homeless", "rough sleeping, sleeping rough, shelter", False),
]


def seed_synonyms():
    from .models import SearchSynonym

    for word, synonyms, both_ways in STARTER_SYNONYMS:
        SearchSynonym.objects.get_or_create(
            word=word, defaults={"synonyms": synonyms, "both_ways": both_ways})


def seed(demo):
    from .engines import EngineUnavailable, indexing_engines
    from .indexing import rebuild

    seed_synonyms()
    for engine in indexing_engines():
        try:
            rebuild(engine)
        except EngineUnavailable as error:
            logger.warning("Demo search index not built in %s: %s", engine.name, error)
