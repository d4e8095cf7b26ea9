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


def test_demo_has_real_privacy_accessibility_and_rules_pages_in_the_footer(client, settings):
    # Given the demo site
    settings.DEBUG = True
    call_command("seed_demo")
    from portal.accounts.models import User as Account

    resident = Account.objects.get(email="resident@riverton.example")
    staff = [Account.objects.filter(groups__name=name).first() for name in ("Liaisons", "Moderators")]
    # Then every role finds the three pages in the footer, and they say what the portal does
    expected = {
        "Privacy notice": ["Who sees a concern", "share my contact details", "How long we keep it",
                           "Download my data", "Delete my account", "Former member"],
        "Accessibility statement": ["WCAG", "without JavaScript", "Tell us"],
        "Community rules": ["number plates", "Flag it", "What moderators do"],
    }
    for user in [None, resident, *staff]:
        client.logout()
        if user is not None:
            client.force_login(user)
        footer = client.get("/").text.split('<footer class="site-footer">')[1]
        for title, phrases in expected.items():
            start = footer.index(f">{title}</a>")
            href = footer[footer.rindex('href="', 0, start) + 6:footer.rindex('"', 0, start)]
            page = client.get(href)
            assert page.status_code == 200, (title, user)
            for phrase in phrases:
                assert phrase in page.text, (title, phrase)
    # And seeding again keeps an operator's own wording
    from portal.models import StandardPage

    privacy = StandardPage.objects.get(slug="privacy")
    privacy.intro = "Our own notice."
    privacy.save_revision().publish()
    call_command("seed_demo")
    assert StandardPage.objects.get(slug="privacy").intro == "Our own notice."
