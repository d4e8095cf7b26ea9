"""The database engine on SQLite: FTS5 over Wagtail's search index table, which holds the stems
of each SearchDocument's words (models.StemmedSearchField, search/language.py). Wagtail keeps the
index; the query and the ranking are ours, because the ranking needs what Wagtail's SQLite backend
does not do: a title match counts more than a body match (bm25's column weights), the words typed
count more than their synonyms, and the kind of result weighs in (search/ranking.py).

A match expression quotes every stem, so nothing typed reaches FTS5's query syntax.
"""

from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from .language import stem
from .ranking import kind_weight

# bm25 weights of the FTS table's columns, in their order: autocomplete, body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 3.0)
SYNONYMS_WEIGHT = 0.5  # a match of the typed words adds this much again of its score


def _tables():
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    return SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table


def match_parts(request, typed_only=False):
    """One FTS5 expression per group of alternatives (a typed word or its synonyms, a synonym of
    several words as a phrase) and per quoted phrase; `typed_only` leaves the synonyms out."""
    def quoted(words):
        """The words' stems in each query language: one quoted phrase, or several OR'd."""
        forms = dict.fromkeys('"' + " ".join(stem(word, language) for word in words) + '"'
                              for language in request.query_languages)
        return next(iter(forms)) if len(forms) == 1 else "(" + " OR ".join(forms) + ")"

    groups = [group[:1] if typed_only else group for group in request.groups]
    parts = ["(" + " OR ".join(quoted(words) for words in group) + ")" for group in groups]
    return parts + [quoted(phrase.split()) for phrase in request.query.phrases]


def _in_columns(expression):
    return "{title body} : (" + expression + ")"


def match_expression(request, typed_only=False):
    """The FTS5 query: all the parts, or any with `match_any`; `typed_only` asks for any typed
    word without synonyms (to score what was typed above its synonyms). None without words."""
    parts = match_parts(request, typed_only)
    if not parts:
        return None
    joiner = " OR " if request.match_any or typed_only else " AND "
    return _in_columns(joiner.join(parts))


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    from .models import SearchDocument

    return ContentType.objects.get_for_model(SearchDocument).pk


def matching_ids(expression):
    fts, entries = _tables()
    # Only table names from the models are formatted in; the match expression is a parameter.
    sql = (f"SELECT CAST({entries}.object_id AS INTEGER) FROM {fts} "  # noqa: S608
           f"JOIN {entries} ON {entries}.id = {fts}.rowid "
           f"WHERE {fts} MATCH %s AND {entries}.content_type_id = %s")
    return RawSQL(sql, [expression, _content_type_id()])  # noqa: S611


def score(expression):
    """bm25 of the row's index entry for `expression`, positive (higher is better), or 0."""
    from .models import SearchDocument

    fts, entries = _tables()
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
    sql = (f"SELECT -bm25({fts}, {weights}) FROM {fts} JOIN {entries} ON {entries}.id = {fts}.rowid "  # noqa: S608
           f"WHERE {fts} MATCH %s AND {entries}.content_type_id = %s "
           f"AND {entries}.object_id = CAST({SearchDocument._meta.db_table}.id AS TEXT)")
    return Coalesce(RawSQL(sql, [expression, _content_type_id()], output_field=FloatField()), 0.0)  # noqa: S611


def coverage(request):
    """How many of the search's parts a row matches (with `match_any`, more of them rank first)."""
    total = None
    for part in match_parts(request):
        matched = Case(When(GreaterThan(score(_in_columns(part)), 0.0), then=Value(1)), default=Value(0))
        total = matched if total is None else total + matched
    return total


def matching(request, queryset):
    expression = match_expression(request)
    return queryset if expression is None else queryset.filter(pk__in=matching_ids(expression))


def ranked(request, queryset):
    """Matches best first: (score + typed words' score × SYNONYMS_WEIGHT) × kind weight."""
    expression = match_expression(request)
    if expression is None:
        return queryset.order_by("-date", "-id")
    typed = match_expression(request, typed_only=True)
    relevance = score(expression)
    if typed != expression:
        relevance = relevance + score(typed) * SYNONYMS_WEIGHT
    rows = matching(request, queryset).annotate(relevance=relevance * kind_weight())
    order = [F("relevance").desc(), "-date", "-id"]
    if request.match_any:
        rows, order = rows.annotate(coverage=coverage(request)), ["-coverage", *order]
    return rows.order_by(*order)
