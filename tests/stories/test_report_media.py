"""Reports show attached documents with their type and size; a social image feeds the card tags."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from stories.models import ReportDocument
from tests.factories import report_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_pdf(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document(title="Annual figures")
    document.file.save("annual-figures.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 2048))
    return document


def test_attached_documents_show_type_and_size(client, annual_pdf):
    report = report_page(title="Report with files",
                         children={"documents": [ReportDocument(document=annual_pdf)]})

    response = client.get(report.url)

    assert f'<a href="{annual_pdf.url}">Annual figures</a>' in response.text
    assert "(PDF, 2.0\xa0KB)" in response.text


def test_document_block_in_the_body_shows_type_and_size(client, annual_pdf):
    report = report_page(title="Report with a document block", body=[
        ("document", {"document": annual_pdf, "description": "All the numbers."})
    ])

    response = client.get(report.url)

    assert "Annual figures</a> <span class=\"meta\">(PDF, 2.0\xa0KB)</span>" in response.text
    assert "All the numbers." in response.text


def test_social_image_becomes_the_card_image(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Outreach van", file=get_test_image_file())
    report = report_page(title="Report with a picture", social_image=image)

    response = client.get(report.url)

    assert '<meta name="twitter:card" content="summary_large_image">' in response.text
    assert '<meta property="og:image" content="http://testserver/' in response.text
    assert '<meta property="og:image:alt" content="Outreach van">' in response.text
