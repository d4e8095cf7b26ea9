"""Languages of indexed text: one name per language ("english", "spanish") that every engine
understands, so words in any form find each other ("needles" finds "needle").

- PostgreSQL: the name is the text search configuration of the document's row (search/postgres.py);
- SQLite: FTS5 has no stemmer for most languages, so the database engine indexes and searches the
  Snowball stems of the words (`stems()`), computed here in Python;
- Elasticsearch: the language's analyser in the mapping (search/elastic.py).

A document's language is stored with it (SearchDocument.language); a search reads the language of
the request, or the site's default (settings.LANGUAGE_CODE).
"""

import re
from functools import lru_cache

from django.conf import settings
from django.utils import translation

# Django language code -> the name PostgreSQL, Snowball and Elasticsearch share.
SEARCH_LANGUAGES = {"en": "english", "es": "spanish"}
FALLBACK = "english"
_WORD = re.compile(r"\w+", re.UNICODE)


def search_language(language_code=None):
    """The search language for a Django language code (default: the active, then the site's)."""
    code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return SEARCH_LANGUAGES.get(code.split("-")[0].lower(), FALLBACK)


def site_language():
    """The search language of content whose own language is not known: the site's."""
    return search_language(settings.LANGUAGE_CODE)


@lru_cache(maxsize=8)
def _stemmer(language):
    import snowballstemmer

    return snowballstemmer.stemmer(language if language in snowballstemmer.algorithms() else FALLBACK)


def stem(word, language=FALLBACK):
    return _stemmer(language).stemWord(word.lower())


def stems(text, language=FALLBACK):
    """The text as lower-case stems, in order, separated by spaces ("Needles found" -> "needl found")."""
    words = _WORD.findall((text or "").lower())
    return " ".join(_stemmer(language).stemWords(words))
