"""Synonyms editors maintain (Settings → Search synonyms): a search for "narcan" also looks for
"naloxone". Every engine searches the same expansion of the query, so the list applies at once,
without re-indexing:

    expand(parse("narcan kit")) == [(("narcan",), ("naloxone",)), (("kit",),)]

Each group is one typed word (or a run of typed words that is a synonym entry, e.g. "needle
exchange") with its alternatives; a document matches a group if it has any alternative, and an
alternative of several words as a phrase.
"""

import re

from django.core.cache import cache

CACHE_KEY = "search:synonyms"
MAX_WORDS = 4  # the longest entry matched against the typed words
_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text):
    return tuple(word for word in _WORD.findall(text.lower()) if word.strip("_"))


def synonym_table():
    """{typed words: {alternatives}}, built from the editors' list and cached until it changes."""
    table = cache.get(CACHE_KEY)
    if table is None:
        from .models import SearchSynonym

        table = build_table(SearchSynonym.objects.values_list("word", "synonyms", "both_ways"))
        cache.set(CACHE_KEY, table, 3600)
    return table


def build_table(rows):
    table = {}
    for word, synonyms, both_ways in rows:
        key = words_of(word)[:MAX_WORDS]
        alternatives = [words for words in map(words_of, synonyms.split(",")) if words]
        if not key or not alternatives:
            continue
        table.setdefault(key, set()).update(alternatives)
        if both_ways:
            family = {key, *alternatives}
            for alternative in alternatives:
                table.setdefault(alternative[:MAX_WORDS], set()).update(family - {alternative})
    return table


def forget_synonyms(**_kwargs):
    """The list changed: forget it now, and again once the change is committed (a search in
    between may have cached the old list)."""
    from django.db import transaction

    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def expand(query, table=None):
    """The query's words as groups of alternatives (see the module docstring)."""
    table = synonym_table() if table is None else table
    terms, groups, position = list(query.terms), [], 0
    while position < len(terms):
        for length in range(min(MAX_WORDS, len(terms) - position), 0, -1):
            typed = tuple(terms[position : position + length])
            if length == 1 or typed in table:
                break
        alternatives = sorted(table.get(typed, ()), key=lambda words: (len(words), words))
        groups.append((typed, *[words for words in alternatives if words != typed]))
        position += len(typed)
    return groups


def all_words(groups):
    """Every word of every alternative (to mark them in snippets)."""
    return list(dict.fromkeys(word for group in groups for words in group for word in words))
