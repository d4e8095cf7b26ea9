"""'Did you mean …?' for the database engine: close matches among the words of indexed titles in
the page's language (a Spanish page suggests Spanish words, an English page English ones)."""

import difflib
import re

from django.core.cache import cache

VOCABULARY_KEY = "search:title-vocabulary"
ALL_LANGUAGES = "all"
VOCABULARY_TITLES = 20_000
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def _key(language):
    return f"{VOCABULARY_KEY}:{language or ALL_LANGUAGES}"


def title_vocabulary(language=None):
    """The words of indexed titles in `language` (a search language, e.g. "spanish"); None: in
    every language."""
    key = _key(language)
    words = cache.get(key)
    if words is None:
        from .models import SearchDocument

        documents = SearchDocument.objects.all()
        if language:
            documents = documents.filter(language=language)
        titles = documents.order_by("-date").values_list("title", flat=True)[:VOCABULARY_TITLES]
        words = sorted({word.lower() for title in titles for word in _WORD.findall(title)})
        cache.set(key, words, 600)
    return words


def forget_vocabulary():
    from .language import SEARCH_LANGUAGES

    cache.delete_many([_key(None), *(_key(language) for language in SEARCH_LANGUAGES.values())])


def suggest_spelling(query, language=None):
    """The query with each unknown word replaced by its closest title word in `language` (None:
    any language), or "" if none."""
    vocabulary = title_vocabulary(language)
    known = set(vocabulary)
    changed, words = False, []
    for term in query.terms:
        if term in known or len(term) < 3:
            words.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
        if close:
            changed = True
            words.append(close[0])
        else:
            words.append(term)
    return " ".join(words) if changed else ""
