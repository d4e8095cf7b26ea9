"""The Elasticsearch engine, written with elasticsearch.dsl (part of the `elasticsearch` package).

Index names carry settings.ELASTICSEARCH_INDEX_PREFIX. Searches go to the alias
`<prefix>-content`; `rebuild()` fills a new timestamped index and switches the alias to it in one
step, then drops the old index, so search never sees a half-built index.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe
from elasticsearch.dsl import (
    A,
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Q,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl import Search as DslSearch

from .engines import FACETS, PAGE_SIZE, EngineUnavailable, FacetValue, Hit, Results, Search, suggestion
from .highlight import snippet
from .ranking import KIND_WEIGHTS

english = analyzer(
    "portal_english",
    tokenizer="standard",
    filter=[
        token_filter("portal_english_possessive", "stemmer", language="possessive_english"),
        "lowercase",
        "asciifolding",
        token_filter("portal_english_stop", "stop", stopwords="_english_"),
        token_filter("portal_english_stemmer", "stemmer", language="english"),
    ],
)
# Spanish text: Elasticsearch's own `spanish` analyser rebuilt (so it can be extended like the
# English one): Spanish stop words and the light Spanish stemmer ("tratamientos" -> "tratamient").
spanish = analyzer(
    "portal_spanish",
    tokenizer="standard",
    filter=[
        "lowercase",
        token_filter("portal_spanish_stop", "stop", stopwords="_spanish_"),
        token_filter("portal_spanish_stemmer", "stemmer", language="light_spanish"),
        "asciifolding",
    ],
)
autocomplete = analyzer(
    "portal_autocomplete",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("portal_edge_ngram", "edge_ngram", min_gram=1, max_gram=20),
    ],
)
autocomplete_search = analyzer(
    "portal_autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)


class PortalDocument(Document):
    source = Keyword()
    object_id = Keyword()
    kind = Keyword()
    # Every text field in English and, as the `spanish` subfield, in Spanish: a search in a
    # language queries that language's fields (LANGUAGE_FIELDS).
    title = Text(
        analyzer=english,
        fields={
            "autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_search),
            "raw": Keyword(),
            "spanish": Text(analyzer=spanish),
        },
    )
    body = Text(analyzer=english, fields={"spanish": Text(analyzer=spanish)})
    context = Text(analyzer=english, fields={"spanish": Text(analyzer=spanish)})
    url = Keyword(index=False)
    date = Date()
    year = Integer()
    topic = Keyword()
    neighbourhood = Keyword()
    partner = Keyword()
    # The document's search language ("english", "spanish"): searches keep to the page's.
    language = Keyword()
    suggest = Completion(analyzer=autocomplete_search)


def document_id(source, object_id):
    return f"{source}:{object_id}"


def to_es_document(document):
    fields = document.as_fields()
    return PortalDocument(
        meta={"id": document_id(document.source, document.object_id)},
        source=document.source,
        object_id=document.object_id,
        suggest={"input": [document.title]},
        **fields,
    )


def build_index(name):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=1)
    index.document(PortalDocument)
    return index


FIELDS = ["title^3", "context^1.5", "body"]
LANGUAGE_FIELDS = {
    "english": FIELDS,
    "spanish": ["title.spanish^3", "context.spanish^1.5", "body.spanish"],
}


def fields_for(languages):
    """The fields analysed in each of `languages` (English's for a language without its own)."""
    fields = []
    for language in languages:
        fields += [name for name in LANGUAGE_FIELDS.get(language, FIELDS) if name not in fields]
    return fields


def _words(words, fields=FIELDS):
    """One typed word (fuzzy, in any form) or a phrase."""
    if len(words) == 1:
        return Q("multi_match", query=words[0], fields=fields, fuzziness="AUTO", prefix_length=1)
    return Q("multi_match", query=" ".join(words), fields=fields, type="phrase")


def _any_of(queries):
    return queries[0] if len(queries) == 1 else Q("bool", should=queries, minimum_should_match=1)


def build_query(request: Search):
    """Each typed word or one of its synonyms (editors' list, expanded at query time so an edit
    applies at once, without re-indexing), and each quoted phrase: all of them, or any of them
    with `match_any`. The text score is multiplied by the weight of the result's kind. Words are
    analysed in the request's language (each language's, searching every language); documents
    in another language are left out unless the request searches every language."""
    fields = fields_for(request.query_languages)
    parts = [_any_of([_words(words, fields) for words in group]) for group in request.groups]
    parts += [_words(tuple(phrase.split()), fields) for phrase in request.query.phrases]
    languages = [Q("term", **{name: value}) for name, value in request.language_lookups.items()]
    if not parts:
        return Q("bool", filter=languages) if languages else Q("match_all")
    text = _any_of(parts) if request.match_any else Q("bool", must=parts)
    if languages:
        text = Q("bool", must=[text], filter=languages)
    weights = [{"filter": Q("term", kind=kind), "weight": weight} for kind, weight in KIND_WEIGHTS.items()]
    return Q("function_score", query=text, functions=weights, score_mode="first",
             boost_mode="multiply")


def _term_filters(filters):
    return [Q("term", **{name: int(value) if name == "year" else value}) for name, value in filters.items()]


def build_search(request: Search, index):
    """The whole request body: query, filters as post_filter (so each facet counts with every
    other filter applied, but not its own), facets as aggregations, highlighting, sort, page."""
    search = DslSearch(index=index).query(build_query(request))
    if request.filters:
        search = search.post_filter(Q("bool", filter=_term_filters(request.filters)))
    for name in FACETS:
        others = _term_filters(request.filters_without(name))
        facet = A("filter", Q("bool", filter=others))
        facet.bucket("values", "terms", field=name, size=30)
        search.aggs.bucket(name, facet)
    search = search.highlight("body", "context", fragment_size=200, number_of_fragments=1)
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    if request.sort == "newest" or request.query.is_empty:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    if request.query.terms:
        search = search.suggest("spelling", " ".join(request.query.terms),
                                term={"field": "title", "suggest_mode": "popular"})
    search = search.extra(track_total_hits=True)
    return search[request.start : request.start + PAGE_SIZE]


def build_suggest(text, index, limit=8):
    search = DslSearch(index=index).source(["title", "url", "kind", "language"])
    completion = {"field": "suggest", "skip_duplicates": True, "size": limit}
    return search.suggest("titles", text, completion=completion)


# The completion field has no language context: ask for this many times more titles and keep the
# page's language's.
SUGGEST_OVERFETCH = 4


def hit_from(es_hit, words):
    highlight = getattr(es_hit.meta, "highlight", None)
    fragments = list(getattr(highlight, "body", [])) if highlight else []
    text = mark_safe(fragments[0]) if fragments else snippet(es_hit.body or "", words)  # noqa: S308 - ES escaped it (encoder=html)
    return Hit(
        kind=es_hit.kind,
        title=es_hit.title,
        url=es_hit.url,
        snippet=text,
        date=getattr(es_hit, "date", None),
        context=getattr(es_hit, "context", "") or "",
    )


def results_from(response, request):
    words = request.words_to_mark
    facets = {
        name: [
            FacetValue(value=str(bucket.key), count=bucket.doc_count,
                       selected=str(bucket.key) == request.filters.get(name))
            for bucket in response.aggregations[name]["values"].buckets
        ]
        for name in FACETS
    }
    return Results(
        hits=[hit_from(hit, words) for hit in response],
        facets=facets,
        total=response.hits.total.value,
        page=request.page,
        engine="elasticsearch",
        suggestion=spelling_from(response, request.query),
    )


def spelling_from(response, query):
    suggest = getattr(response, "suggest", None)
    if not suggest or "spelling" not in suggest:
        return ""
    replacements = {entry.text: entry.options[0].text for entry in suggest.spelling if entry.options}
    if not replacements:
        return ""
    return " ".join(replacements.get(term, term) for term in query.terms)


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, client, prefix):
        self.client = client
        self.alias = f"{prefix}-content"

    @classmethod
    def from_settings(cls):
        from elasticsearch import Elasticsearch

        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=5, max_retries=1)
        return cls(client, settings.ELASTICSEARCH_INDEX_PREFIX)

    def _call(self, action):
        from elasticsearch import ApiError, TransportError

        try:
            return action()
        except (TransportError, ApiError) as error:
            raise EngineUnavailable(str(error)[:300]) from error

    def search(self, request):
        search = build_search(request, self.alias).using(self.client)
        response = self._call(search.execute)
        return results_from(response, request)

    def suggest(self, text, limit=8, language=None):
        from .language import search_language

        if not text.strip():
            return []
        language = language or search_language()
        search = build_suggest(text, self.alias, limit * SUGGEST_OVERFETCH).using(self.client)
        response = self._call(search.execute)
        options = response.suggest.titles[0].options if response.suggest.titles else []
        return [suggestion(o._source.title, o._source.url, o._source.kind) for o in options
                if getattr(o._source, "language", language) == language][:limit]

    def spelling(self, query, language=None):
        return ""  # Elasticsearch's term suggester already answered in search()

    def index(self, document):
        es_document = to_es_document(document)
        self._call(lambda: es_document.save(using=self.client, index=self.alias))

    def remove(self, source, object_id):
        from elasticsearch import NotFoundError

        try:
            self._call(lambda: self.client.delete(index=self.alias, id=document_id(source, object_id)))
        except EngineUnavailable as error:
            if isinstance(error.__cause__, NotFoundError):
                return
            raise

    def rebuild(self, documents):
        from elasticsearch.helpers import bulk

        new_name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self._call(lambda: build_index(new_name).create(using=self.client))
        actions = (
            {"_index": new_name, "_id": document_id(doc.source, doc.object_id),
             "_source": to_es_document(doc).to_dict()}
            for doc in documents
        )
        count, _ = self._call(lambda: bulk(self.client, actions, chunk_size=1000))
        self._call(lambda: self.client.indices.refresh(index=new_name))
        self._switch_alias(new_name)
        return count

    def _switch_alias(self, new_name):
        old = []
        if self._call(lambda: self.client.indices.exists_alias(name=self.alias)):
            old = list(self._call(lambda: self.client.indices.get_alias(name=self.alias)))
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_name, "alias": self.alias}})
        self._call(lambda: self.client.indices.update_aliases(actions=actions))
        for name in old:
            self._call(lambda name=name: self.client.indices.delete(index=name))

    def refresh(self):
        self._call(lambda: self.client.indices.refresh(index=self.alias))

    def ping(self):
        return bool(self._call(self.client.ping))
