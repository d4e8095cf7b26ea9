"""Demo: index everything seed_demo created, so search works at once without a task worker."""

import logging

logger = logging.getLogger(__name__)


def seed(demo):
    from .engines import EngineUnavailable, indexing_engines
    from .indexing import rebuild

    for engine in indexing_engines():
        try:
            rebuild(engine)
        except EngineUnavailable as error:
            logger.warning("Demo search index not built in %s: %s", engine.name, error)
