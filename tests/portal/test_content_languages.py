"""Translated content (issue 19): pages translated into Spanish are served at /es/ from the Spanish
tree, a page not translated yet is still there in English (marked lang="en"), the route cache
keeps the languages apart, and the migrations leave existing pages in the default locale."""

import re

import pytest
from wagtail.models import Locale, Page, Site

from portal.models import StandardPage

pytestmark = pytest.mark.django_db


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(parent, title, slug, intro=""):
    page = StandardPage(title=title, slug=slug, intro=intro)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, locale, **fields):
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated.specific_class.objects.get(pk=translated.pk)


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def pages(spanish):
    home = home_page()
    rules = publish(home, "Community rules", "community-rules", "Be kind.")
    publish(home, "About the partnership", "about", "Who we are.")
    translate(home, spanish)
    translate(rules, spanish, title="Normas de la comunidad", intro="Sé amable.")
    return rules


def main_of(response):
    return re.search(r"<main [^>]*>", response.text).group(0)


def test_existing_pages_are_in_the_default_locale_and_spanish_is_there_to_translate_into():
    assert set(Page.objects.filter(depth__gt=1).values_list("locale__language_code", flat=True)) == {"en"}
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "es"}


def test_a_translated_page_is_served_in_spanish_at_its_spanish_address(client, pages):
    english = client.get("/community-rules/")
    spanish = client.get("/es/community-rules/")

    assert "<h1>Community rules</h1>" in english.text
    assert spanish.status_code == 200
    assert "<h1>Normas de la comunidad</h1>" in spanish.text and "Sé amable." in spanish.text
    assert "lang=" not in main_of(spanish)


def test_a_page_not_translated_yet_is_served_in_english_under_es_and_says_so(client, pages):
    response = client.get("/es/about/")

    assert response.status_code == 200
    assert "<h1>About the partnership</h1>" in response.text
    assert 'lang="en"' in main_of(response)
    assert re.search(r'<html lang="es"', response.text)


def test_an_address_in_neither_tree_is_not_found(client, pages):
    assert client.get("/es/no-such-page/").status_code == 404


def test_the_route_cache_keeps_each_language_to_its_own_page(client, pages):
    for _ in range(2):  # the second time from the cache
        assert "<h1>Normas de la comunidad</h1>" in client.get("/es/community-rules/").text
        assert "<h1>Community rules</h1>" in client.get("/community-rules/").text
        assert 'lang="en"' in main_of(client.get("/es/about/"))


def test_the_spanish_home_page_is_the_spanish_root(client, pages, spanish):
    response = client.get("/es/")

    assert response.status_code == 200
    assert Page.objects.get(depth=2, locale=spanish).url == "/es/"


def test_a_topic_has_its_spanish_name_on_spanish_pages_and_stays_the_same_topic():
    from django.utils import translation

    from portal.taxonomy import cached
    from portal.taxonomy.models import Topic

    topic = Topic.objects.create(name="Harm reduction", slug="harm-reduction", name_es="Reducción de daños")
    untranslated = Topic.objects.create(name="Alcohol", slug="alcohol")
    cached.clear()

    with translation.override("es"):
        assert (str(topic), topic.display_name) == ("Reducción de daños", "Reducción de daños")
        assert cached.topic_names() == {topic.pk: "Reducción de daños", untranslated.pk: "Alcohol"}
    with translation.override("en"):
        assert str(topic) == "Harm reduction"
        assert cached.topic_names()[topic.pk] == "Harm reduction"
    assert Topic.objects.count() == 2  # one row, two names: routing and filters use the same topic


def test_a_neighbourhood_has_one_row_and_a_name_in_each_language():
    from django.utils import translation

    from portal.taxonomy import cached
    from portal.taxonomy.models import Neighbourhood

    area = Neighbourhood.objects.create(name="Old Harbour", slug="old-harbour", name_es="Puerto Viejo")
    named_once = Neighbourhood.objects.create(name="Millbrook", slug="millbrook")
    cached.clear()

    with translation.override("es"):
        assert (str(area), area.display_name) == ("Puerto Viejo", "Puerto Viejo")
        assert cached.neighbourhood_names() == {area.pk: "Puerto Viejo", named_once.pk: "Millbrook"}
    with translation.override("en"):
        assert str(area) == "Old Harbour"
        assert cached.neighbourhood_names()[area.pk] == "Old Harbour"


def test_the_demo_citys_pages_name_the_neighbourhood_in_the_pages_language(client, demo_city):
    from portal.taxonomy.models import Neighbourhood
    from tests.factories import UserFactory, forum_board, forum_thread

    thread = forum_thread(UserFactory(), forum_board(slug="harbour-talk", title="Harbour talk"),
                          neighbourhood=Neighbourhood.objects.get(slug="old-harbour"))
    transparency_es = client.get("/es/transparency/").content.decode()
    transparency_en = client.get("/transparency/").content.decode()
    thread_es = client.get("/es" + thread.get_absolute_url()).content.decode()

    assert '<th scope="row">Puerto Viejo</th>' in transparency_es
    assert '<th scope="row">Old Harbour</th>' in transparency_en and "Puerto Viejo" not in transparency_en
    assert "Puerto Viejo" in thread_es and "Old Harbour" not in thread_es


def test_the_crisis_banner_and_help_numbers_in_spanish_as_an_editor_wrote_them(client):
    from portal.models import HelpNumber, SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.crisis_banner_text = "In danger now? Call the police."
    site_settings.crisis_banner_text_es = "¿En peligro ahora? Llama a la policía."
    site_settings.save()
    HelpNumber.objects.create(settings=site_settings, label="Night helpline", label_es="Línea nocturna",
                              number="0800 000 2222", hours="Nights", hours_es="Por la noche")

    spanish = client.get("/es/").text
    english = client.get("/").text

    assert "¿En peligro ahora? Llama a la policía." in spanish and "Línea nocturna" in spanish
    assert "Por la noche" in spanish
    assert "In danger now? Call the police." in english and "Night helpline" in english
    assert "Línea nocturna" not in english


def test_links_to_untranslated_pages_keep_a_spanish_reader_in_spanish(client, pages):
    from django.utils import translation

    about = Page.objects.get(slug="about", locale__language_code="en")
    with translation.override("es"):
        assert about.url == "/es/about/"
        assert pages.url == "/es/community-rules/" or pages.get_translation(
            Locale.objects.get(language_code="es")).url == "/es/community-rules/"
    with translation.override("en-gb"):
        assert about.url == "/about/"
    menu = client.get("/es/").text
    assert "/en/" not in menu.replace('hreflang="en"', "")
