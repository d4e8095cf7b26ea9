"""The documents API lists only documents live, public pages use; the admin's search report
keeps no search that holds personal data."""

import pytest
from django.core.files.base import ContentFile
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from search.models import NoResultQuery
from stories.models import ReportDocument
from tests.factories import report_page

pytestmark = pytest.mark.django_db


def document(title):
    doc = Document(title=title)
    doc.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 64))
    return doc


def listed_titles(client):
    response = client.get("/api/v2/documents/")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_the_documents_api_lists_only_documents_public_pages_use(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # given a document on a published report, one uploaded but never used, one on a draft and
    # one on a report only signed-in accounts may read
    used, unused, drafted, private = (document(t) for t in
                                      ("Annual figures", "Witness statement", "Draft plan",
                                       "Internal memo"))
    report_page(title="Published report", children={"documents": [ReportDocument(document=used)]})
    report_page(title="Draft report", live=False,
                children={"documents": [ReportDocument(document=drafted)]})
    restricted = report_page(title="Members' report",
                             children={"documents": [ReportDocument(document=private)]})
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    # then the API lists the published report's document alone
    assert listed_titles(client) == {"Annual figures"}
    # and the others are not found by their id either
    assert client.get(f"/api/v2/documents/{used.pk}/").status_code == 200
    for doc in (unused, drafted, private):
        assert client.get(f"/api/v2/documents/{doc.pk}/").status_code == 404


SEARCHES_WITH_PERSONAL_DATA = ["07700 900123", "jo.bloggs@example.org", "12 acacia avenue",
                               "needles outside 14b Mill Lane", "AB12 CDE"]


@pytest.mark.parametrize("query", SEARCHES_WITH_PERSONAL_DATA)
def test_searches_holding_personal_data_are_not_recorded(client, query):
    client.get("/search/", {"q": query})
    assert not Query.objects.exists()
    assert not NoResultQuery.objects.exists()


def test_other_searches_are_still_recorded(client):
    client.get("/search/", {"q": "naloxone training"})
    assert Query.objects.filter(query_string="naloxone training").exists()
