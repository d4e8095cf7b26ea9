"""Sources: what each kind of content contributes to search.

A source says, for one model, how to get its public objects, how to turn one into a `Document`,
and which signals mean "this object changed" (re-index it, or remove it if it stopped being
public). Content apps never import search; search imports them and registers a source here.

Adding a content type is one `Source(...)` and a `register(...)` call, e.g. for partners
(search/partner_source.py)::

    register(Source(
        label="partners.partner", kind="partner", kind_label="Partner",
        queryset=lambda: Partner.objects.filter(is_active=True),
        build=partner_document,
        change_signals=[post_save, post_delete], signal_sender=Partner,
    ))
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model, QuerySet
from django.dispatch import Signal
from django.utils import timezone
from django.utils.html import strip_tags

from .language import search_language, site_language


@dataclass(frozen=True)
class Document:
    """The searchable, public form of one object; the same for every engine."""

    source: str
    object_id: str
    kind: str
    title: str
    url: str
    body: str = ""
    context: str = ""
    date: datetime | None = None
    topic: str = ""  # slug
    neighbourhood: str = ""  # slug
    partner: str = ""  # slug
    language: str = ""  # search language of the text ("english", "spanish"); empty: the site's

    @property
    def year(self):
        return self.date.year if self.date else None

    def as_fields(self):
        return {
            "kind": self.kind,
            "title": self.title[:255],
            "body": self.body,
            "url": self.url[:500],
            "context": self.context[:255],
            "date": self.date,
            "year": self.year,
            "topic": self.topic,
            "neighbourhood": self.neighbourhood,
            "partner": self.partner,
            "language": self.language or site_language(),
        }


@dataclass(frozen=True)
class Source:
    label: str  # model label, lower case: "app_label.model_name"
    kind: str
    kind_label: str
    queryset: Callable[[], QuerySet]  # public objects only
    build: Callable[[Model], Document]
    change_signals: Iterable[Signal] = field(default_factory=tuple)
    # Sender of change_signals; None listens to every sender.
    signal_sender: type | None = None
    # Further result types this source's documents may have (kind -> label).
    other_kinds: dict[str, str] = field(default_factory=dict)

    def public_object(self, object_id):
        return self.queryset().filter(pk=object_id).first()


_sources: dict[str, Source] = {}


def register(source):
    _sources[source.label] = source


def all_sources():
    return list(_sources.values())


def get_source(label):
    return _sources.get(label)


def kind_labels():
    labels = {}
    for source in _sources.values():
        labels[source.kind] = source.kind_label
        labels.update(source.other_kinds)
    labels.update({page_type.kind: page_type.kind_label for page_type in _page_types.values()})
    return labels


def label_of(obj):
    return obj._meta.label_lower


# Wagtail pages -------------------------------------------------------------------------------
# Every live, public page is indexed by one source. A page type with its own result type and
# facets (a partnership report, an event) registers a PageType, e.g.
#
#     register_page_type(PageType("stories.reportpage", "report", "Partnership report",
#                                 describe=lambda page: {"topic": page.topic.slug, ...}))

PAGE_LABEL = "wagtailcore.page"


@dataclass(frozen=True)
class PageType:
    label: str  # the specific page model's label, lower case
    kind: str
    kind_label: str
    # Extra Document fields for one page (topic, neighbourhood, partner, date, context, body).
    describe: Callable[[Model], dict] = lambda page: {}


_page_types: dict[str, PageType] = {}


def register_page_type(page_type):
    _page_types[page_type.label] = page_type


def unregister_page_type(label):
    _page_types.pop(label, None)


def public_pages():
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1).specific()


def page_text(page):
    """The text of a page's own `search_fields` (StreamFields included), title excluded."""
    from wagtail.search import index

    parts = []
    for search_field in page.search_fields:
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = getattr(page, search_field.field_name, None)
        if callable(value) or value in (None, ""):
            continue
        parts.append(_field_text(page, search_field.field_name, value))
    return " ".join(part for part in parts if part)


def _field_text(page, field_name, value):
    try:
        model_field = page._meta.get_field(field_name)
    except Exception:  # a method or property listed in search_fields
        return strip_tags(str(value))
    if hasattr(model_field, "get_searchable_content"):
        return " ".join(strip_tags(str(text)) for text in model_field.get_searchable_content(value))
    return strip_tags(str(value))


def page_document(page):
    page = page.specific
    page_type = _page_types.get(label_of(page), PageType(label_of(page), "page", "Page"))
    fields = {
        "body": " ".join(filter(None, [page.search_description, page_text(page)])),
        "date": page.last_published_at or page.first_published_at,
        **page_type.describe(page),
    }
    return Document(
        source=PAGE_LABEL,
        object_id=str(page.pk),
        kind=page_type.kind,
        title=page.title,
        url=_address(page),
        language=search_language(page.locale.language_code),  # a translation is in its own
        **fields,
    )


def _address(page):
    """The page's address as the site's language links it (a translation keeps its /es/), whatever
    the language of the request or task that indexes it."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return page.url or ""


def _slug(obj):
    return obj.slug if obj is not None else ""


def _first_slug(page, relation):
    """Document fields hold one slug per facet: a page tagged with several gets its first."""
    return _slug(getattr(page, relation).order_by("pk").first())


def _described_by(*, topics=None, partners=None, partner=None, neighbourhood=None, date=None):
    """A `describe` function reading the page's own fields named here (any may be left out)."""
    def describe(page):
        fields = {}
        if topics:
            fields["topic"] = _first_slug(page, topics)
        if partners:
            fields["partner"] = _first_slug(page, partners)
        if partner:
            fields["partner"] = _slug(getattr(page, partner))
        if neighbourhood:
            fields["neighbourhood"] = _slug(getattr(page, neighbourhood))
        if date and getattr(page, date, None):
            value = getattr(page, date)
            fields["date"] = value if isinstance(value, datetime) else datetime.combine(
                value, datetime.min.time(), tzinfo=timezone.get_current_timezone())
        return fields
    return describe


register_page_type(PageType("portal.standardpage", "page", "Page"))
register_page_type(PageType("portal.homepage", "page", "Page"))
# Pages of layer 2 (stories, events) with their own result type, so results and the type facet
# say "Partnership report" rather than "Page".
register_page_type(PageType("stories.reportpage", "report", "Partnership report",
                            _described_by(topics="topics", partners="partners", date="period_end")))
register_page_type(PageType("stories.casestudypage", "case_study", "Case study",
                            _described_by(topics="topics", partners="partners",
                                          neighbourhood="neighbourhood")))
register_page_type(PageType("stories.resourcepage", "resource", "Resource",
                            _described_by(topics="topics")))
register_page_type(PageType("stories.servicepage", "service", "Support service",
                            _described_by(partner="provider_partner", neighbourhood="neighbourhood")))
register_page_type(PageType("events.eventpage", "event", "Event",
                            _described_by(topics="topics", partners="partners",
                                          neighbourhood="neighbourhood", date="start")))
register(
    Source(
        label=PAGE_LABEL,
        kind="page",
        kind_label="Page",
        queryset=public_pages,
        build=page_document,
    )
)
