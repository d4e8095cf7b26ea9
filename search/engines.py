"""Search engines. Both implement one interface:

    engine.search(query, filters, page, sort) -> Results(hits, facets, total, ...)
    engine.index(document)            add or replace one Document (search/sources.py)
    engine.remove(source, object_id)  drop one object
    engine.rebuild(documents)         replace everything

`get_engine()` is Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise;
`search()` falls back to the database engine, with a notice, when Elasticsearch is unreachable.
"""

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.db import transaction
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from .query import ParsedQuery
from .sources import kind_labels

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGE = 50
FACETS = ("kind", "topic", "neighbourhood", "partner", "year")
SORTS = ("relevance", "newest")


class EngineUnavailable(Exception):
    """The engine's server could not be reached; callers fall back or retry later."""


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    date: datetime | None = None
    context: str = ""
    promoted: bool = False
    kind_label: str = ""
    lang: str = ""  # the result's language code ("es") when it differs from the page's, for `lang`


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class Results:
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    total: int
    page: int = 1
    page_size: int = PAGE_SIZE
    engine: str = "database"
    notice: str = ""
    suggestion: str = ""
    # True when there are more matches than were counted: `total` is then a lower bound.
    more: bool = False
    # True when nothing had every word, so these results have some of them.
    some_words: bool = False

    @property
    def total_label(self):
        return number_format(self.total, force_grouping=True) + ("+" if self.more else "")

    @property
    def first_number(self):
        return (self.page - 1) * self.page_size + 1

    @property
    def pages(self):
        return min(MAX_PAGE, max(1, -(-self.total // self.page_size)))


@dataclass(frozen=True)
class Search:
    """One request to an engine: the parsed query, facet filters (field -> value), page, sort."""

    query: ParsedQuery
    filters: dict[str, str] = field(default_factory=dict)
    page: int = 1
    sort: str = "relevance"
    # False: every typed word (or one of its synonyms) must match; True: any of them, ranked.
    match_any: bool = False
    language: str = ""  # search language ("english"); empty: the active or site language
    # False: only documents in `search_language` (the page's language); True: every language,
    # each word searched in the forms of each language.
    all_languages: bool = False

    @property
    def start(self):
        return (self.page - 1) * PAGE_SIZE

    @cached_property
    def groups(self):
        """The typed words with their synonyms (search/synonyms.py)."""
        from .synonyms import expand

        return expand(self.query)

    @cached_property
    def search_language(self):
        from .language import search_language

        return self.language or search_language()

    @property
    def query_languages(self):
        """The languages whose stems and stop words the words are searched in: the request's
        own, then (for every language) the others."""
        from .language import SEARCH_LANGUAGES

        if not self.all_languages:
            return (self.search_language,)
        return tuple(dict.fromkeys([self.search_language, *SEARCH_LANGUAGES.values()]))

    @property
    def language_lookups(self):
        """The documents searched: those in the request's language unless `all_languages`."""
        return {} if self.all_languages else {"language": self.search_language}

    @property
    def words_to_mark(self):
        from .synonyms import all_words

        return all_words(self.groups) + [word for phrase in self.query.phrases for word in phrase.split()]

    @property
    def can_match_any(self):
        return not self.match_any and len(self.groups) + len(self.query.phrases) > 1

    def filters_without(self, name):
        return {key: value for key, value in self.filters.items() if key != name}


class DatabaseEngine:
    """Search over SearchDocument rows in the site's database. On PostgreSQL: full text search on
    the rows' own GIN-indexed tsvector, ranking and counting at most postgres.CAP matches (see
    search/postgres.py). Elsewhere (SQLite FTS5 in development): the stems Wagtail's database
    backend indexes, searched and ranked by search/sqlite.py."""

    name = "database"
    BACKEND = "wagtail.search.backends.database"

    def backend(self):
        from wagtail.search.backends import get_search_backend

        return get_search_backend(self.BACKEND)

    @staticmethod
    def on_postgresql():
        from django.db import connection

        return connection.vendor == "postgresql"

    # Searching ------------------------------------------------------------------------------

    def search(self, request: Search) -> Results:
        if self.on_postgresql():
            return self._search_postgresql(request)
        facets, total = self._facets_and_total(request)
        results = self._results(request, request.filters, request.sort)
        page_of = list(results[request.start : request.start + PAGE_SIZE]) if total else []
        return Results(hits=self._hits(page_of, request), facets=facets, total=total,
                       page=request.page, engine=self.name)

    @staticmethod
    def _hits(documents, request):
        from .highlight import snippet

        words = request.words_to_mark
        return [
            Hit(
                kind=doc.kind,
                title=doc.title,
                url=doc.url,
                snippet=snippet(doc.body, words),
                date=doc.date,
                context=doc.context,
                lang=_lang_attribute(doc.language),
            )
            for doc in documents
        ]

    def _search_postgresql(self, request):
        from . import postgres

        tsquery = postgres.text_query(request)
        lookups = {**_filter_lookups(request.filters), **request.language_lookups}
        title_first = None if request.match_any else postgres.title_query(request)
        unfiltered_ids = postgres.capped_ids(tsquery, request.language_lookups, title_first)
        ids = postgres.capped_ids(tsquery, lookups, title_first) if request.filters else unfiltered_ids
        # The facets count the first CAP matches of the words alone (so a chosen filter still
        # shows the other values); the total counts the matches of the words and filters.
        facets, _ = self._count_facets(
            request, postgres.documents().filter(pk__in=unfiltered_ids[: postgres.CAP])
        )
        total, more = min(len(ids), postgres.CAP), len(ids) > postgres.CAP
        if not total:
            page_of = []
        elif request.sort == "newest" or tsquery is None:
            page_of = postgres.newest_page(tsquery, lookups, request.start, PAGE_SIZE)
        else:
            page_of = postgres.ranked_page(
                tsquery, ids[: postgres.CAP], request.start, PAGE_SIZE, typed=postgres.typed_query(request),
                coverage=postgres.coverage(request) if request.match_any else None)
        return Results(hits=self._hits(page_of, request), facets=facets, total=total,
                       page=request.page, engine=self.name, more=more)

    def _results(self, request, filters, sort):
        """Matching SearchDocuments on SQLite (search/sqlite.py): by relevance, newest first, or
        in no order (for counting)."""
        from . import sqlite
        from .models import SearchDocument

        queryset = SearchDocument.objects.filter(**_filter_lookups(filters), **request.language_lookups)
        if sort == "relevance" and not request.query.is_empty:
            return sqlite.ranked(request, queryset)
        matches = sqlite.matching(request, queryset)
        return matches if sort == "unordered" else matches.order_by("-date", "-id")

    def _facets_and_total(self, request):
        """Every facet and the total from one SQL query: matches of the query alone, counted per
        combination of facet values. Each facet then counts the combinations that pass every
        other filter (so a chosen topic still shows the other topics), the total those that
        pass them all."""
        matches = self._results(request, {}, "unordered")
        return self._count_facets(request, matches)

    @staticmethod
    def _count_facets(request, matches):
        from django.db.models import Count

        combinations = matches.order_by().values(*FACETS).annotate(matches=Count("id"))
        counts = {name: {} for name in FACETS}
        total = 0
        for row in combinations:
            values = {name: "" if row[name] is None else str(row[name]) for name in FACETS}
            failed = [name for name, wanted in request.filters.items() if values[name] != wanted]
            if not failed:
                total += row["matches"]
            for name in FACETS:
                if values[name] and (not failed or failed == [name]):
                    counts[name][values[name]] = counts[name].get(values[name], 0) + row["matches"]
        facets = {
            name: [
                FacetValue(value=value, count=count, selected=value == request.filters.get(name))
                for value, count in sorted(by_value.items(), key=lambda item: (-item[1], item[0]))
            ]
            for name, by_value in counts.items()
        }
        return facets, total

    def suggest(self, text, limit=8, language=None):
        """Titles completing `text`, of documents in `language` (a search language; None: the
        page's, i.e. the active language's)."""
        from .language import search_language
        from .models import SearchDocument

        if not text.strip():
            return []
        language = language or search_language()
        if self.on_postgresql():
            from . import postgres
            from .query import parse

            results = postgres.suggestions(parse(text).terms, limit, {"language": language})
            return [suggestion(doc.title, doc.url, doc.kind) for doc in results]
        results = self.backend().autocomplete(text, SearchDocument.objects.filter(language=language))
        return [suggestion(doc.title, doc.url, doc.kind) for doc in results[:limit]]

    def spelling(self, query, language=None):
        from .spelling import suggest_spelling

        return suggest_spelling(query, language)

    # Indexing -------------------------------------------------------------------------------

    def index(self, document):
        from .models import SearchDocument

        with transaction.atomic():
            row, _ = SearchDocument.objects.update_or_create(
                source=document.source, object_id=document.object_id, defaults=document.as_fields()
            )
            if self.on_postgresql():
                from . import postgres

                postgres.update_vectors(SearchDocument.objects.filter(pk=row.pk))
            else:
                self.backend().add(row)

    def remove(self, source, object_id):
        from .models import SearchDocument

        with transaction.atomic():
            for row in SearchDocument.objects.filter(source=source, object_id=str(object_id)):
                if not self.on_postgresql():
                    self.backend().delete(row)
                row.delete()

    def rebuild(self, documents):
        from wagtail.search.models import IndexEntry

        from .models import SearchDocument

        with transaction.atomic():
            IndexEntry.objects.filter(content_type__model="searchdocument",
                                      content_type__app_label="search").delete()
            SearchDocument.objects.all().delete()
            rows = SearchDocument.objects.bulk_create(
                SearchDocument(source=doc.source, object_id=doc.object_id, **doc.as_fields())
                for doc in documents
            )
            if self.on_postgresql():
                from . import postgres

                postgres.update_vectors(SearchDocument.objects.all())
            else:
                backend = self.backend()
                for start in range(0, len(rows), 1000):
                    backend.add_bulk(SearchDocument, rows[start : start + 1000])
        return len(rows)

    def refresh(self):
        """Make recent index changes searchable (already so in the database)."""

    def ping(self):
        return True


def _lang_attribute(language):
    """A `lang` value for a result in `language` ("spanish" -> "es") when the page is in
    another language, else ""."""
    from .language import SEARCH_LANGUAGES, search_language

    if not language or language == search_language():
        return ""
    return {name: code for code, name in SEARCH_LANGUAGES.items()}.get(language, "")


def _filter_lookups(filters):
    lookups = {}
    for name, value in filters.items():
        if name == "year":
            lookups["year"] = int(value)
        else:
            lookups[name] = value
    return lookups


# Choosing an engine -------------------------------------------------------------------------


def database_engine():
    return DatabaseEngine()


def get_engine():
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine.from_settings()
    return database_engine()


def indexing_engines():
    """Every engine index updates go to. The database copy is always kept: it is the fallback."""
    engines = [database_engine()]
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticsearchEngine

        engines.append(ElasticsearchEngine.from_settings())
    return engines


LOG_EVERY_SECONDS = 60
_outages = {}  # (engine name, what) -> [count since the last line, time of that line]


def log_outage(engine_name, error, what):
    """One log line per engine and kind of work per minute while the engine fails, counting
    what it missed, instead of a line (or a traceback) per search or per document."""
    now = time.monotonic()
    seen = _outages.setdefault((engine_name, what), [0, -LOG_EVERY_SECONDS])
    seen[0] += 1
    if now - seen[1] >= LOG_EVERY_SECONDS:
        logger.warning("Search engine %s is failing (%s: %s): %s %s since the last report",
                       engine_name, type(error).__name__, str(error)[:200], seen[0], what)
        seen[0], seen[1] = 0, now


FALLBACK_NOTICE = gettext_lazy("The main search service is not answering, so these results come "
                               "from a simpler search.")


def _every_word_then_any(engine, request):
    """Results with every word; if none has them all, results with any of them, best first."""
    results = engine.search(request)
    if results.total == 0 and request.can_match_any:
        with_some = engine.search(replace(request, match_any=True))
        if with_some.total:
            with_some.some_words = True
            with_some.suggestion = with_some.suggestion or results.suggestion
            return with_some
    return results


def search(request: Search, engine=None) -> Results:
    """Search with the configured engine (or `engine`), falling back to the database."""
    engine = engine or get_engine()
    try:
        results = _every_word_then_any(engine, request)
    except EngineUnavailable as error:
        log_outage(engine.name, error, "searches answered by the database instead")
        engine = database_engine()
        results = _every_word_then_any(engine, request)
        results.notice = FALLBACK_NOTICE
    if (results.total == 0 or results.some_words) and not request.query.is_empty and not results.suggestion:
        results.suggestion = engine.spelling(request.query,
                                             None if request.all_languages else request.search_language)
    labels = kind_labels()
    for hit in results.hits:
        hit.kind_label = labels.get(hit.kind, hit.kind.capitalize())
    return results


def suggestion(title, url, kind):
    """One title suggestion as the suggest view answers it: `kind_label` in the page's language."""
    return {"title": title, "url": url, "kind": kind,
            "kind_label": str(kind_labels().get(kind, kind.capitalize()))}


def suggest(text, language=None):
    """Titles completing `text` in the page's language (`language`: a search language)."""
    engine = get_engine()
    try:
        return engine.suggest(text, language=language)
    except EngineUnavailable:
        return database_engine().suggest(text, language=language)
