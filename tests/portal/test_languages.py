"""English and Spanish (issue 19, the foundation): Spanish at /es/..., English unprefixed, a
switcher that keeps the page, hreflang alternates, the site chrome and error pages in Spanish, and
a resident's emails in the language on their account."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from portal import languages
from portal.emails import queue_email
from portal.models import OutboxEmail, SiteSettings
from stories.models import ReportIndexPage
from tests.factories import PartnerFactory, story_index

pytestmark = pytest.mark.django_db


def home_page():
    return Site.objects.get(is_default_site=True).root_page


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.text).group(1)


def hreflangs(response):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.text))


def switcher(response):
    nav = response.text.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return dict((code, href.replace("&amp;", "&"))
                for href, code in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav))


class ChromeText(HTMLParser):
    """The words a visitor reads or hears in the chrome: text, aria-labels and placeholders of
    everything outside <main>."""

    def __init__(self):
        super().__init__()
        self.texts, self.depth_in_main, self.skip = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth_in_main += 1
        if tag in ("script", "style", "title"):
            self.skip += 1
        if not self.depth_in_main:
            self.texts += [value for name, value in attrs if name in ("aria-label", "placeholder") and value]

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth_in_main -= 1
        if tag in ("script", "style", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.depth_in_main and not self.skip and re.search(r"[A-Za-z]{2}", data):
            self.texts.append(" ".join(data.split()))


def chrome_texts(response):
    parser = ChromeText()
    parser.feed(response.text)
    return set(parser.texts)


def test_spanish_pages_are_at_es_and_english_stays_unprefixed(client, settings):
    english, spanish = client.get("/partners/"), client.get("/es/partners/")

    assert (english.status_code, spanish.status_code) == (200, 200)
    assert html_lang(english) == languages.html_lang(settings.LANGUAGE_CODE)  # e.g. en-GB
    assert html_lang(spanish) == "es"
    assert client.get("/es/").status_code == 200 and html_lang(client.get("/es/")) == "es"


def test_admin_api_and_site_files_stay_unprefixed(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/es/robots.txt").status_code == 404
    assert client.get("/es/admin/").status_code == 404


def test_robots_keeps_crawlers_out_of_private_paths_in_every_language(client):
    robots = client.get("/robots.txt").text

    assert "Disallow: /accounts/" in robots and "Disallow: /es/accounts/" in robots
    assert "Disallow: /es/forums/notifications/" in robots


def test_every_page_names_its_alternates_in_the_head(client):
    links = hreflangs(client.get("/es/partners/"))

    assert links["en"].endswith("/partners/") and "/es/" not in links["en"]
    assert links["es"].endswith("/es/partners/")
    assert links["en"].startswith("http")
    assert hreflangs(client.get("/partners/")) == links


def test_the_switcher_keeps_the_page_and_its_query(client):
    english = switcher(client.get("/partners/?page=2"))
    spanish = switcher(client.get("/es/partners/?page=2"))

    assert english == spanish == {"en": "/partners/?page=2", "es": "/es/partners/?page=2"}
    assert html_lang(client.get(english["es"])) == "es"


def test_the_current_language_is_marked_in_the_switcher(client):
    nav = client.get("/es/").text.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]

    assert re.search(r'lang="es" hreflang="es" aria-current="true">Español<', nav)
    assert 'lang="en" hreflang="en">English<' in nav


def test_the_chrome_reads_in_spanish_at_es(client, resident):
    """Every sentence of the crisis banner, header and footer that is the same at / and at /es/ is
    either data (site name, partner names, page titles, contact address, language names) or was
    left untranslated: the latter fails."""
    PartnerFactory(name="Harbour Trust")
    site_settings = SiteSettings.objects.first() or SiteSettings()
    data = {site_settings.site_name, site_settings.contact_email, "Harbour Trust", "English",
            "Español", resident.display_name}
    client.force_login(resident)
    english, spanish = client.get("/"), client.get("/es/")
    menu_titles = {page.title for page in home_page().get_children().in_menu()}  # content

    untranslated = (chrome_texts(english) & chrome_texts(spanish)) - data - menu_titles

    assert untranslated == set()
    assert "Saltar al contenido principal" in spanish.text
    assert "Teléfonos de ayuda" in spanish.text


def test_menu_links_keep_the_visitor_in_spanish(client):
    story_index(ReportIndexPage, "reports", title="Partnership reports", show_in_menus=True)

    spanish_first = client.get("/es/").text  # builds the cached menu during a Spanish request
    assert '<a href="/es/reports/">Partnership reports</a>' in spanish_first
    assert '<a href="/reports/">Partnership reports</a>' in client.get("/").text
    assert client.get("/es/reports/").status_code == 200


def test_the_crisis_banner_is_in_spanish_at_es(client):
    banner = client.get("/es/").text.split('class="crisis-banner"', 1)[1].split("</aside>", 1)[0]

    assert "¿En peligro ahora, o alguien ha tenido una sobredosis?" in banner
    assert "In danger" not in banner and "Emergency" not in banner
    assert "Emergencias (policía, ambulancia)" in banner


def test_an_editors_own_banner_text_is_shown_as_written_in_every_language(client):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.crisis_banner_text = "Call the Riverton outreach van on 0800 123."
    site_settings.save()

    assert "Call the Riverton outreach van on 0800 123." in client.get("/es/").text
    assert "Call the Riverton outreach van on 0800 123." in client.get("/").text


def test_the_not_found_page_is_in_the_pages_language(client):
    english, spanish = client.get("/no-such-page/"), client.get("/es/no-such-page/")

    assert english.status_code == spanish.status_code == 404
    assert "We couldn't find that page" in english.text
    assert "No encontramos esa página" in spanish.text and html_lang(spanish) == "es"
    assert 'href="/es/">página de inicio</a>' in spanish.text
    assert '<a class="site-name" href="/es/">' in spanish.text


def test_a_refused_address_is_answered_in_its_language(client):
    response = client.get("/es/search/", {"q": "a\x00b"})

    assert response.status_code == 400
    assert "No se puede leer esa dirección" in response.text and html_lang(response) == "es"


def test_the_home_page_costs_no_more_queries_in_spanish(client, resident):
    client.force_login(resident)
    client.get("/"), client.get("/es/")  # chrome and routes cached

    with CaptureQueriesContext(connection) as english:
        client.get("/")
    with CaptureQueriesContext(connection) as spanish:
        client.get("/es/")

    assert len(spanish) <= len(english)


def test_a_resident_chooses_their_language_in_the_profile(client, resident):
    client.force_login(resident)

    response = client.post(reverse("account_profile"), {
        "display_name": resident.display_name, "neighbourhood": "", "preferred_language": "es"})

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.preferred_language == "es"


def test_an_unknown_language_is_refused_and_the_form_keeps_the_rest(client, resident):
    client.force_login(resident)

    response = client.post(reverse("account_profile"), {
        "display_name": "New name here", "neighbourhood": "", "preferred_language": "xx"})

    assert response.status_code == 200 and 'value="New name here"' in response.text
    resident.refresh_from_db()
    assert resident.preferred_language == ""


@pytest.fixture
def email_template(tmp_path, settings):
    """A one-line email whose words are in allauth's Spanish catalogue."""
    (tmp_path / "hello_subject.txt").write_text('{% load i18n %}{% translate "Password Reset Email" %}')
    (tmp_path / "hello.txt").write_text('{% load i18n %}{% translate "Sign In" %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return "hello"


def spanish(text):
    with translation.override("es"):
        translated = gettext(text)
    assert translated != text
    return translated


def test_an_email_to_a_resident_who_prefers_spanish_is_rendered_in_spanish(resident, email_template):
    resident.preferred_language = "es"
    resident.save()

    queue_email(to=resident.email, template=email_template, key="test:es",
                language=languages.for_user(resident))

    email = OutboxEmail.objects.get(key="test:es")
    assert spanish("Password Reset Email") in email.subject
    assert email.body == spanish("Sign In")


def test_an_email_without_a_language_is_in_the_sites_language_whatever_the_page(resident,
                                                                                 email_template):
    with translation.override("es"):
        queue_email(to=resident.email, template=email_template, key="test:en",
                    language=languages.for_user(resident))

    email = OutboxEmail.objects.get(key="test:en")
    assert "Password Reset Email" in email.subject and email.body == "Sign In"


def test_allauths_emails_follow_the_accounts_language(client, resident):
    resident.preferred_language = "es"
    resident.save()

    client.post(reverse("account_reset_password"), {"email": resident.email})

    assert spanish("Password Reset Email") in OutboxEmail.objects.get().subject


def test_signing_up_on_a_spanish_page_prefers_spanish(client):
    response = client.post("/es/accounts/signup/", {
        "email": "ana@example.org", "display_name": "Ana del barrio",
        "password1": "a long passphrase 4 ana", "password2": "a long passphrase 4 ana"})

    assert response.status_code == 302
    from portal.accounts.models import User
    assert User.objects.get(email="ana@example.org").preferred_language == "es"


def test_an_english_prefixed_address_moves_to_the_unprefixed_one(client):
    response = client.get("/en/partners/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/partners/?page=2"
    assert client.get("/en/").headers["Location"] == "/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/en//evil.example/").headers["Location"] == "/evil.example/"
