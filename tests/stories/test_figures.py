"""Reports published, for the transparency page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from stories.figures import reports_published
from tests.factories import PartnerFactory, report_page

pytestmark = pytest.mark.django_db


def test_reports_published_in_a_period_and_by_partner():
    police = PartnerFactory(name="Police (test)")
    report_page(partners=[police], title="Q1")
    report_page(title="Q2")
    report_page(title="Draft", live=False)
    now = timezone.now()
    assert reports_published(now - timedelta(days=1), now + timedelta(minutes=1)) == 2
    assert reports_published(now - timedelta(days=1), now + timedelta(minutes=1), partner=police.pk) == 1
    assert reports_published(now - timedelta(days=30), now - timedelta(days=1)) == 0
