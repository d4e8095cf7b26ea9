import pytest
from django.db import OperationalError, connections
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_service(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] and body["cache"]["ok"]
    assert body["search"]["engine"] == "database"


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(type(connections["default"]), "cursor", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}


def test_every_page_shows_the_crisis_banner(client):
    for url in ["/", reverse("account_login"), reverse("partner_list"), "/no-such-page/"]:
        response = client.get(url)
        assert 'aria-label="Crisis help"' in response.text, url
        assert 'href="tel:999"' in response.text, url


def test_crisis_banner_numbers_are_editable(client):
    from wagtail.models import Site

    from portal.models import HelpNumber, SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.crisis_banner_text = "Help is here."
    settings.save()
    HelpNumber.objects.create(settings=settings, label="Night line", number="0800 123 456")

    response = client.get("/")

    assert "Help is here." in response.text
    assert 'href="tel:0800123456"' in response.text
    assert "Riverton drug and alcohol helpline" not in response.text


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We couldn't find that page" in response.text


def test_home_page_renders_with_skip_link_and_landmarks(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.text
    for landmark in ['href="#main"', "<header", "<main", "<footer", 'aria-label="Main"']:
        assert landmark in html


def test_partner_pages_list_active_partners(client):
    from tests.factories import PartnerFactory

    PartnerFactory(name="Visible Trust")
    PartnerFactory(name="Old Partner", is_active=False)

    listing = client.get(reverse("partner_list"))

    assert "Visible Trust" in listing.text
    assert "Old Partner" not in listing.text
    assert client.get("/partners/old-partner/").status_code == 404


def test_public_pages_allow_no_inline_scripts_and_the_admin_has_its_own_policy(client, editor):
    public = client.get("/")
    client.force_login(editor)
    admin = client.get("/admin/")

    public_scripts = next(d for d in public["Content-Security-Policy"].split(";") if "script-src" in d)
    admin_scripts = next(d for d in admin["Content-Security-Policy"].split(";") if "script-src" in d)
    assert "'unsafe-inline'" not in public_scripts
    assert "'unsafe-inline'" in admin_scripts


def test_a_resident_refused_at_the_admin_keeps_the_public_policy(client, resident):
    # the refusal is our 403 page, so only staff get the admin policy
    client.force_login(resident)

    response = client.get("/admin/")

    scripts = next(d for d in response["Content-Security-Policy"].split(";") if "script-src" in d)
    assert "'unsafe-inline'" not in scripts


@pytest.mark.parametrize("error, status, heading, title, banner", [
    (OperationalError("could not connect to server"), 503, "Back in a moment", "Back in a moment",
     "emergency"),
    (ValueError("a bug"), 500, "Something went wrong on our side", "Something went wrong",
     "In danger now, or someone has overdosed? Call 999."),
])
def test_the_server_error_pages_stand_alone_with_the_crisis_banner(rf, error, status, heading,
                                                                   title, banner):
    """The 500 and 503 pages (one error_base.html, like the 400) render without the database."""
    from portal.views import no_database_context, server_error

    try:
        raise error
    except Exception:
        response = server_error(rf.get("/"))

    text = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in text
    assert f"<title>{title} – Common Ground</title>" in text
    expected_banner = no_database_context()["crisis_text"] if banner == "emergency" else banner
    assert f'<p class="crisis-banner__text">{expected_banner}</p>' in text
    assert '<a href="/">Back to the home page</a>' in text
    assert (response.get("Retry-After") == "30") == (status == 503)
