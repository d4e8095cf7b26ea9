import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from portal.accounts.models import User
from portal.partners.models import Partner
from portal.taxonomy.models import Neighbourhood, Topic

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, Partner, Topic, Neighbourhood, Page)
    }


def test_seed_demo_is_idempotent(settings, demo_city):
    settings.DEBUG = True
    first = counts()

    call_command("seed_demo")

    assert counts() == first
    assert first["Partner"] >= 4 and first["User"] >= 6
    assert all("(demo)" in name for name in Partner.objects.values_list("name", flat=True))


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert User.objects.count() == 0


def test_demo_site_pages_render(client, demo_city):
    for page in Page.objects.live().filter(depth__gt=1):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
