"""The search page (/search/?q=) and title suggestions as you type (/search/suggest/?q=)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from . import engines, recording
from .engines import FACETS, MAX_PAGE, SORTS, Search
from .facets import facet_groups, url_with
from .language import search_language
from .query import parse

FACET_TITLES = {
    "kind": "Type",
    "topic": "Topic",
    "neighbourhood": "Neighbourhood",
    "partner": "Partner",
    "year": "Year",
}


def _filters_from(params):
    filters = {}
    for name in FACETS:
        value = params.get(name, "").strip()[:120]
        if not value:
            continue
        if name == "year" and not (value.isdigit() and len(value) == 4):
            continue  # an impossible year filters nothing rather than failing
        filters[name] = value
    return filters


def _page_from(params):
    try:
        return min(MAX_PAGE, max(1, int(params.get("page", 1))))
    except (TypeError, ValueError):
        return 1


def _get_help_page():
    """The Get help page in the page's language (its translation), else in any."""
    from wagtail.models import Locale

    pages = Page.objects.live().public().filter(slug="get-help").only("pk", "url_path", "locale_id")
    return pages.filter(locale=Locale.get_active()).first() or pages.first()


@require_GET
def search_page(request):
    params = request.GET
    query = parse(params.get("q", ""))
    filters = _filters_from(params)
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    # Results in the page's language by default; ?languages=all searches every language, and
    # ?languages=es one listed language whatever the page's.
    chosen = params.get("languages", "")
    all_languages = chosen == "all"
    language = search_language(chosen) if chosen in dict(settings.LANGUAGES) else ""
    context = {"search_query": query.text, "query": query, "filters": filters, "sort": sort,
               "all_languages": all_languages, "chosen_language": chosen if language else ""}
    if query.is_empty and not filters:
        context["empty_query"] = bool(params.get("q", "").strip())
        return render(request, "search/search.html", context)

    search_request = Search(query=query, filters=filters, page=_page_from(params), sort=sort,
                            all_languages=all_languages, language=language)
    results = engines.search(search_request)
    first_page_of_words = search_request.page == 1 and not query.is_empty
    context.update(
        results=results,
        promoted=recording.promoted_hits(query.text) if first_page_of_words else [],
        facet_groups=facet_groups(results.facets, params, FACET_TITLES),
        sort_links=[(name, url_with(params, sort=name, page=None), name == sort) for name in SORTS],
        clear_filters_url=url_with(params, page=None, **dict.fromkeys(FACETS)),
        previous_url=url_with(params, page=results.page - 1) if results.page > 1 else "",
        next_url=url_with(params, page=results.page + 1) if results.page < results.pages else "",
        suggestion_url=url_with(params, q=results.suggestion, page=None) if results.suggestion else "",
    )
    if results.total == 0:
        context["get_help_page"] = _get_help_page()
    if first_page_of_words:
        recording.record_search(query.text, results.total)
    return render(request, "search/search.html", context)


@require_GET
def suggest(request):
    text = " ".join(request.GET.get("q", "").split())[:100]
    suggestions = engines.suggest(text) if len(text) >= 2 else []
    return JsonResponse({"query": text, "suggestions": suggestions})
