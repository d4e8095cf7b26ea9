"""Editors create story pages in the admin and submit them for a second editor's approval."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from stories.models import (
    CaseStudyIndexPage,
    ReportIndexPage,
    ReportPage,
    ResourceIndexPage,
    ServiceIndexPage,
)
from tests.factories import PartnerFactory, story_index

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("index_class", "slug", "child"),
    [
        (ReportIndexPage, "reports", "reportpage"),
        (CaseStudyIndexPage, "case-studies", "casestudypage"),
        (ResourceIndexPage, "resources", "resourcepage"),
        (ServiceIndexPage, "get-help", "servicepage"),
    ],
)
def test_editors_can_open_the_add_form_for_each_story_page(client, editor, index_class, slug,
                                                           child):
    index = story_index(index_class, slug)
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:add", args=["stories", child, index.pk]))

    assert response.status_code == 200


def report_form(**overrides):
    data = {
        "title": "Quarterly report from the admin",
        "slug": "quarterly-report-from-the-admin",
        "period_start": "2026-07-01",
        "period_end": "2026-09-30",
        "summary": "What happened this quarter.",
        "key_figures": streamfield([]),
        "body": streamfield([]),
        "documents": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_creates_a_report_and_submits_it_for_approval(client, editor):
    index = story_index(ReportIndexPage, "reports")
    partner = PartnerFactory(name="Admin Partner")
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["stories", "reportpage", index.pk]),
        {**report_form(), "partners": [partner.pk], "action-submit": "Submit"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    report = ReportPage.objects.get(slug="quarterly-report-from-the-admin")
    assert not report.live
    assert WorkflowState.objects.get(object_id=str(report.pk)).status == "in_progress"
    assert list(report.get_latest_revision_as_object().partners.all()) == [partner]


def test_a_report_whose_period_ends_before_it_starts_is_refused_with_a_message(client, editor):
    index = story_index(ReportIndexPage, "reports")
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["stories", "reportpage", index.pk]),
        report_form(period_start="2026-09-30", period_end="2026-07-01"),
    )

    assert response.status_code == 200
    assert "The period must end on or after its start." in response.text
    assert 'value="What happened this quarter."' in response.text or \
        "What happened this quarter." in response.text
    assert not ReportPage.objects.exists()


def test_a_service_needs_a_provider_and_a_resource_needs_its_document_or_link():
    from django.core.exceptions import ValidationError

    from stories.models import ResourceFormat, ResourcePage, ServicePage

    with pytest.raises(ValidationError, match="Choose a partner or name the organisation."):
        ServicePage(title="No provider", slug="no-provider", service_type="helpline",
                    offers="x", who_for="y").clean()
    with pytest.raises(ValidationError, match="Choose the document for this resource."):
        ResourcePage(title="No file", slug="no-file", summary="x",
                     resource_format=ResourceFormat.DOCUMENT).clean()
    with pytest.raises(ValidationError, match="Give the address of the page or video."):
        ResourcePage(title="No link", slug="no-link", summary="x",
                     resource_format=ResourceFormat.VIDEO).clean()
