"""The database engine on PostgreSQL: full text search on SearchDocument's own `search_vector`
(title weight A, body weight B, in the row's language configuration, GIN-indexed) instead of Wagtail's index
table, which joins through `object_id = id::varchar` and ranks every match.

Ranking, facets and counts read at most CAP matches: the words find their matches through the GIN
index, the first CAP of them are ranked and counted, and a search with more says "1,000+". Matches
whose title contains every word are taken first, so the best results are among those ranked.
"""

from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, Value, When

from .ranking import kind_weight

# The configuration of the title's own GIN index (migration 0004) and of suggestions.
CONFIG = "english"
CAP = 1000


def document_vector():
    """Each row in its own language's configuration (SearchDocument.language, e.g. 'spanish')."""
    config = F("language")
    return SearchVector("title", weight="A", config=config) + SearchVector("body", weight="B", config=config)


def update_vectors(queryset):
    queryset.update(search_vector=document_vector())


def query_parts(request):
    """One tsquery per typed word (or any of its synonyms, a synonym of several words as a
    phrase) and per quoted phrase. Words match in any form of the request's language, or of any
    language when the request searches every language (each row's vector is in its own)."""
    parts = [reduce(or_, [_words(alternative, request) for alternative in group]) for group in request.groups]
    parts += [_words(phrase.split(), request) for phrase in request.query.phrases]
    return parts


def _words(words, request):
    """A word or phrase in each of the request's query languages."""
    return reduce(or_, [SearchQuery(" ".join(words), config=config,
                                    search_type="plain" if len(words) == 1 else "phrase")
                        for config in request.query_languages])


def text_query(request):
    """One tsquery for a search (search/engines.py's Search): all of its parts, or any of them
    with `match_any`. None if empty."""
    parts = query_parts(request)
    if not parts:
        return None
    return reduce(or_ if request.match_any else and_, parts)


def coverage(request):
    """How many of the search's parts a row matches (with `match_any`, more of them rank first)."""
    return reduce(add, [Case(When(search_vector=part, then=Value(1)), default=Value(0))
                        for part in query_parts(request)])


def typed_query(request):
    """Any of the words as typed, without synonyms: ranking adds its score, so what was typed
    counts more than its synonyms. None when it is the same as text_query()."""
    if not any(len(group) > 1 for group in request.groups):
        return None
    parts = [_words(group[0], request) for group in request.groups]
    parts += [_words(phrase.split(), request) for phrase in request.query.phrases]
    return reduce(or_, parts)


def title_query(request):
    """Every typed word in the title, searched through the title's own GIN index (migration
    0004); weight-restricted queries (`word:A`) on search_vector would recheck every row."""
    if not request.query.terms:
        return None
    return SearchQuery(" ".join(request.query.terms), search_type="plain", config=CONFIG)


def prefix_query(words):
    """Titles with words starting with each of `words` (suggestions as you type)."""
    words = [word for word in words if word]
    if not words:
        return None
    return SearchQuery(" & ".join(f"'{word}':*" for word in words), search_type="raw", config=CONFIG)


def documents():
    from .models import SearchDocument

    return SearchDocument.objects.all()


def matching(tsquery, lookups):
    queryset = documents().filter(**lookups)
    return queryset if tsquery is None else queryset.filter(search_vector=tsquery)


def title_matching(tsquery, title_tsquery, lookups):
    """Matches whose title has every word (the expression matches the title GIN index)."""
    title_vector = SearchVector("title", config=CONFIG)
    return matching(tsquery, lookups).annotate(title_vector=title_vector).filter(title_vector=title_tsquery)


def capped_ids(tsquery, lookups, title_first=None):
    """The ids of at most CAP + 1 matches, title matches first when `title_first` is a tsquery:
    fewer than CAP + 1 ids means that is every match."""
    limit = CAP + 1
    ids = list(matching(tsquery, lookups).values_list("pk", flat=True)[:limit] if title_first is None
               else title_matching(tsquery, title_first, lookups).values_list("pk", flat=True)[:limit])
    if title_first is not None and len(ids) < limit:
        seen = set(ids)
        rest = matching(tsquery, lookups).values_list("pk", flat=True)[:limit]
        ids += [pk for pk in rest if pk not in seen][: limit - len(ids)]
    return ids


SYNONYMS_WEIGHT = 0.5  # a match of the typed words adds this much again of its rank


def ranked_page(tsquery, ids, start, size, typed=None, coverage=None):
    """(rank + typed words' rank × SYNONYMS_WEIGHT) × the weight of the result's kind; after
    `coverage` (how many of the words a row has) when given."""
    rank = SearchRank(F("search_vector"), tsquery)
    if typed is not None:
        rank = rank + SearchRank(F("search_vector"), typed) * SYNONYMS_WEIGHT
    rows = documents().filter(pk__in=ids).annotate(rank=rank * kind_weight())
    order = ["-rank", "-date", "-id"]
    if coverage is not None:
        rows, order = rows.annotate(coverage=coverage), ["-coverage", *order]
    return list(rows.order_by(*order)[start : start + size])


def newest_page(tsquery, lookups, start, size):
    return list(matching(tsquery, lookups).order_by("-date", "-id")[start : start + size])


def suggestions(words, limit, lookups=None):
    """Words are `\\w+` (search/query.py), so quoting them is enough for to_tsquery. `lookups`
    keep them to some documents (the page's language)."""
    tsquery = prefix_query([word for term in words for word in term.replace("_", " ").split()])
    if tsquery is None:
        return []
    ids = title_matching(None, tsquery, lookups or {}).values("pk")[:CAP]
    return list(documents().filter(pk__in=ids).order_by("-date", "-id")[:limit])
