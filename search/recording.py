"""What people search for: popular queries (Wagtail's search promotions Query model, shown in the
admin's 'Search terms' report) and queries that found nothing (NoResultQuery)."""

from django.db.models import F
from django.utils.html import escape
from wagtail.search.utils import normalise_query_string


def is_recordable(query_text):
    """A search is kept for the report unless it holds personal data (a phone number, an email, a
    street address, a plate): visitors type those, and the report is read by staff."""
    from forums.moderation.detection import find_personal_data

    # Title case too: visitors type "12 acacia avenue", the detector looks for capitalised streets.
    return not (find_personal_data(query_text) or find_personal_data(query_text.title()))


def record_search(query_text, total):
    from wagtail.contrib.search_promotions.models import Query

    from .models import NoResultQuery

    normalised = normalise_query_string(query_text)[:255]
    if not normalised or not is_recordable(query_text):
        return
    Query.get(normalised).add_hit()
    if total == 0:
        updated = NoResultQuery.objects.filter(query_string=normalised).update(hits=F("hits") + 1)
        if not updated:
            NoResultQuery.objects.get_or_create(query_string=normalised)


def promoted_hits(query_text):
    """Editors' promoted results for this query: live, public pages and external links."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import Page

    from .engines import Hit

    normalised = normalise_query_string(query_text)[:255]
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalised).select_related("page")
    )
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    public_ids = set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
    hits = []
    for promotion in promotions:
        if promotion.page_id and promotion.page_id not in public_ids:
            continue
        url = promotion.page.url if promotion.page_id else promotion.external_link_url
        hits.append(Hit(kind="promoted", title=promotion.title, url=url or "",
                        snippet=escape(promotion.description), promoted=True))
    return hits
