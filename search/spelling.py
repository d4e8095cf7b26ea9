"""'Did you mean …?' for the database engine: close matches among the words of indexed titles."""

import difflib
import re

from django.core.cache import cache

VOCABULARY_KEY = "search:title-vocabulary"
VOCABULARY_TITLES = 20_000
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def title_vocabulary():
    words = cache.get(VOCABULARY_KEY)
    if words is None:
        from .models import SearchDocument

        titles = SearchDocument.objects.order_by("-date").values_list("title", flat=True)[:VOCABULARY_TITLES]
        words = sorted({word.lower() for title in titles for word in _WORD.findall(title)})
        cache.set(VOCABULARY_KEY, words, 600)
    return words


def forget_vocabulary():
    cache.delete(VOCABULARY_KEY)


def suggest_spelling(query):
    """The query with each unknown word replaced by its closest title word, or "" if none."""
    vocabulary = title_vocabulary()
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
