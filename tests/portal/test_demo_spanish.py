"""The demo city in Spanish (issue 19): its key pages translated and served at /es/, Spanish
forum threads, a resident who prefers Spanish, and Spanish search over the demo."""

import re

import pytest
from wagtail.models import Locale, Page

from forums.models import Thread
from portal.accounts.models import User

pytestmark = pytest.mark.django_db

SPANISH_PAGES = {
    "/es/": "Common Ground (demo)",
    "/es/get-help/": "Pedir ayuda",
    "/es/community-rules/": "Normas de la comunidad",
    "/es/reports/2026-q2/": "Informe de la colaboración: abril a junio de 2026 (demo)",
    "/es/case-studies/crisis-outreach-to-treatment/":
        "De la calle al tratamiento: un equipo de atención en crisis (demo)",
    "/es/events/": "Actividades",
    "/es/events/family-support-group/": "Grupo de apoyo para familias",
    "/es/events/naloxone-training/": "Formación en naloxona para vecinos",
    "/es/transparency/": "Cómo lo estamos haciendo",
}


def h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S).group(1).strip()


def test_the_key_pages_are_translated_and_served_in_spanish(client, demo_city):
    spanish = Locale.objects.get(language_code="es")
    assert Page.objects.filter(locale=spanish).count() == len(SPANISH_PAGES) + 2  # + the indexes

    for url, title in SPANISH_PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1(response) == title, url
        assert 'lang="en"' not in re.search(r"<main [^>]*>", response.text).group(0), url


def test_the_spanish_community_rules_have_their_own_text(client, demo_city):
    html = client.get("/es/community-rules/").text

    assert "Por qué estas normas" in html and "Why these rules" not in html


def test_a_spanish_list_shows_each_event_once_translated_or_not(client, demo_city):
    html = client.get("/es/reports/").text

    links = re.findall(r'href="([^"]*/reports/[^"/]+/)"', html)
    assert "/es/reports/2026-q2/" in links
    assert not any(link.endswith("/reports/2026-q2/") and link != "/es/reports/2026-q2/" for link in links)
    assert any(link.endswith("/reports/2026-q1/") for link in links)  # not translated: in English


def test_one_demo_resident_prefers_spanish_and_wrote_in_spanish(demo_city):
    resident = User.objects.get(email="residente@riverton.example")

    assert resident.preferred_language == "es"
    spanish_threads = Thread.objects.filter(author=resident)
    assert spanish_threads.count() == 2
    assert set(spanish_threads.values_list("language", flat=True)) == {"es"}
    assert Thread.objects.exclude(author=resident).filter(language="es").count() == 0


def test_spanish_search_over_the_demo_finds_spanish_forms(client, demo_city):
    response = client.get("/es/search/", {"q": "tratamientos"})

    titles = [hit.title for hit in response.context["results"].hits]
    assert "De la calle al tratamiento: un equipo de atención en crisis (demo)" in titles
    assert "¿Hay grupos de apoyo en español para familias?" in titles
    assert all(hit.lang == "" for hit in response.context["results"].hits)
