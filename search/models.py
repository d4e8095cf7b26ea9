"""What the search index holds, one row per public object, and the index updates still owed."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy
from wagtail.search import index

from .language import FALLBACK, stems


class DocumentVectorField(SearchVectorField):
    """A `tsvector` column, filled and searched only on PostgreSQL (see search/postgres.py). On
    SQLite it is an unused, empty column, so django.contrib.postgres need not be installed."""

    def _check_postgres_installed(self, *args):
        return []


class StemmedSearchField(index.SearchField):
    """A field indexed as the stems of its words in the document's language: how the database
    engine stems on SQLite, whose FTS5 has no stemmer for most languages (see search/language.py)."""

    def get_value(self, obj):
        return stems(super().get_value(obj), obj.language)


class SearchDocument(index.Indexed, models.Model):
    """The public, searchable copy of one object, built by its source (see search/sources.py).

    The database engine searches these rows with PostgreSQL full text (search/postgres.py) or
    SQLite FTS5 over the stems Wagtail's index table holds (search/sqlite.py); the Elasticsearch
    engine indexes the same documents. Only public
    content ever becomes a row: the sources decide what is public.
    """

    source = models.CharField(max_length=100, help_text=gettext_lazy("Model label of the indexed object."))
    object_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=40,
                            help_text=gettext_lazy("Result type shown to people, e.g. 'page'."))
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    context = models.CharField(max_length=255, blank=True,
                               help_text=gettext_lazy("e.g. board and thread of a post."))
    date = models.DateTimeField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    topic = models.CharField(max_length=80, blank=True)
    neighbourhood = models.CharField(max_length=80, blank=True)
    partner = models.CharField(max_length=120, blank=True)
    language = models.CharField(
        max_length=20, default=FALLBACK,
        help_text=gettext_lazy("Search language of the text ('english', 'spanish'): stems words and, on "
                  "PostgreSQL, is the row's text search configuration."))
    # PostgreSQL only: title (weight A) and body (B) in the row's language, GIN-indexed.
    search_vector = DocumentVectorField(null=True, editable=False)

    search_fields = [
        StemmedSearchField("title", boost=3),
        index.AutocompleteField("title"),
        StemmedSearchField("body"),
        StemmedSearchField("context"),
        index.FilterField("kind"),
        index.FilterField("topic"),
        index.FilterField("neighbourhood"),
        index.FilterField("partner"),
        index.FilterField("year"),
        index.FilterField("date"),
        index.FilterField("id"),
        index.FilterField("language"),  # title suggestions keep to the page's language
    ]
    # Our engines index these rows themselves, right after building them.
    search_auto_update = False

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_document_unique_object")
        ]
        indexes = [models.Index(fields=["kind", "date"]),
                   models.Index(fields=["-date", "-id"], name="search_document_newest")]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class PendingIndexUpdate(models.Model):
    """An index update an engine could not apply (e.g. Elasticsearch was down); retried later."""

    engine = models.CharField(max_length=40)
    source = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["engine", "source", "object_id"], name="search_pending_update_unique"
            )
        ]

    def __str__(self):
        return f"{self.engine}: {self.source} {self.object_id}"


class NoResultQuery(models.Model):
    """Searches that found nothing, so editors can see what people look for and cannot find."""

    query_string = models.CharField(max_length=255, unique=True, verbose_name=gettext_lazy("query string"))
    hits = models.PositiveIntegerField(default=1, verbose_name=gettext_lazy("hits"))
    last_searched_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("search with no results")
        verbose_name_plural = gettext_lazy("searches with no results")

    def __str__(self):
        return self.query_string


class SearchSynonym(models.Model):
    """Words residents use for what the site calls otherwise ("narcan" for "naloxone"). Searches
    for the word also find its synonyms, on every engine (search/synonyms.py)."""

    word = models.CharField(
        max_length=100, unique=True,
        help_text=gettext_lazy("What people type, e.g. 'narcan' or 'needle exchange'. Letters and numbers "
                               "only; "
                  "case does not matter."), verbose_name=gettext_lazy("word"))
    synonyms = models.CharField(
        max_length=500,
        help_text=gettext_lazy("Words or phrases searched as well, separated by commas, e.g. 'naloxone'."),
        verbose_name=gettext_lazy("synonyms"))
    both_ways = models.BooleanField(
        default=True,
        help_text=gettext_lazy("Searching for a synonym also finds the word (leave on for words that mean "
                               "the "
                  "same; turn off for a narrower word, e.g. 'fentanyl' → 'opioid')."),
                  verbose_name=gettext_lazy("both ways"))

    class Meta:
        ordering = ["word"]
        verbose_name = gettext_lazy("search synonym")

    def __str__(self):
        return f"{self.word} → {self.synonyms}"

    def save(self, *args, **kwargs):
        self.word = " ".join(self.word.lower().split())
        self.synonyms = ", ".join(
            " ".join(part.lower().split()) for part in self.synonyms.split(",") if part.strip())
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .synonyms import words_of

        if not words_of(self.word):
            raise ValidationError({"word": "Type a word or phrase with letters or numbers."})
        if not any(words_of(part) for part in self.synonyms.split(",")):
            raise ValidationError({"synonyms": "Type at least one word or phrase, separated by commas."})
