"""The database engine on PostgreSQL: full text search on SearchDocument's own `search_vector`
(title weight A, body weight B, 'english' configuration, GIN-indexed) instead of Wagtail's index
table, which joins through `object_id = id::varchar` and ranks every match.

Ranking, facets and counts read at most CAP matches: the words find their matches through the GIN
index, the first CAP of them are ranked and counted, and a search with more says "1,000+". Matches
whose title contains every word are taken first, so the best results are among those ranked.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F

CONFIG = "english"
CAP = 1000


def document_vector():
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector("body", weight="B", config=CONFIG)


def update_vectors(queryset):
    queryset.update(search_vector=document_vector())


def text_query(parsed):
    """Words (all must match, in any form) and quoted phrases as one tsquery; None if empty."""
    parts = [SearchQuery(" ".join(parsed.terms), search_type="plain", config=CONFIG)] if parsed.terms else []
    parts += [SearchQuery(phrase, search_type="phrase", config=CONFIG) for phrase in parsed.phrases]
    combined = None
    for part in parts:
        combined = part if combined is None else combined & part
    return combined


def title_query(parsed):
    """Every word in the title, searched through the title's own GIN index (migration 0004);
    weight-restricted queries (`word:A`) on search_vector would recheck every row."""
    if not parsed.terms:
        return None
    return SearchQuery(" ".join(parsed.terms), search_type="plain", config=CONFIG)


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


def ranked_page(tsquery, ids, start, size):
    return list(
        documents()
        .filter(pk__in=ids)
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-rank", "-date", "-id")[start : start + size]
    )


def newest_page(tsquery, lookups, start, size):
    return list(matching(tsquery, lookups).order_by("-date", "-id")[start : start + size])


def suggestions(words, limit):
    """Words are `\\w+` (search/query.py), so quoting them is enough for to_tsquery."""
    tsquery = prefix_query([word for term in words for word in term.replace("_", " ").split()])
    if tsquery is None:
        return []
    ids = title_matching(None, tsquery, {}).values("pk")[:CAP]
    return list(documents().filter(pk__in=ids).order_by("-date", "-id")[:limit])
