"""Search in English and Spanish: each page's text is stemmed in its own language (Snowball stems
on SQLite, the row's text search configuration on PostgreSQL), a search keeps to the page's
language unless the visitor asks for every language, and results in another language say so
with `lang`. Runs on SQLite and, with DATABASE_URL set, on PostgreSQL."""

import re

import pytest
from wagtail.models import Locale

from portal.models import StandardPage
from search.engines import Search, search
from search.models import SearchDocument
from search.query import parse

from .conftest import page_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(home, django_capture_on_commit_callbacks):
    """The home page translated into Spanish (the root of the Spanish tree at /es/)."""
    locale = Locale.objects.get(language_code="es")
    with django_capture_on_commit_callbacks(execute=True):
        home_es = home.copy_for_translation(locale)
        home_es.save_revision().publish()
    return locale


@pytest.fixture
def pages(publish, spanish, django_capture_on_commit_callbacks):
    """An English page and its Spanish translation, published as an editor would."""
    english = publish("Overdose and treatment", intro="Where to get treatment after an overdose.")
    with django_capture_on_commit_callbacks(execute=True):
        translated = english.copy_for_translation(spanish)
        translated.title = "Sobredosis y tratamiento"
        translated.intro = "Dónde recibir tratamiento después de una sobredosis."
        translated.save_revision().publish()
    return english, StandardPage.objects.get(pk=translated.pk)


def test_a_translation_is_indexed_in_its_own_language(pages):
    english, translated = pages

    languages = dict(SearchDocument.objects.filter(object_id__in=[english.pk, translated.pk])
                     .values_list("title", "language"))
    assert languages == {"Overdose and treatment": "english", "Sobredosis y tratamiento": "spanish"}
    assert translated.url == "/es/" + translated.slug + "/"


def test_a_spanish_plural_finds_the_spanish_singular(client, pages):
    response = client.get("/es/search/", {"q": "tratamientos"})

    assert page_titles(response) == ["Sobredosis y tratamiento"]


def test_an_english_plural_finds_the_english_singular(client, pages):
    response = client.get("/search/", {"q": "overdoses"})

    assert page_titles(response) == ["Overdose and treatment"]


def test_spanish_stop_words_are_not_needed_to_match(client, pages):
    # "de" and "una" are Spanish stop words: the words that matter find the page
    response = client.get("/es/search/", {"q": "después de una sobredosis"})

    assert page_titles(response) == ["Sobredosis y tratamiento"]


def test_results_keep_to_the_pages_language_by_default(client, pages):
    english_page = client.get("/search/", {"q": "treatment"})
    spanish_page = client.get("/es/search/", {"q": "sobredosis"})

    assert page_titles(english_page) == ["Overdose and treatment"]
    assert page_titles(spanish_page) == ["Sobredosis y tratamiento"]


def test_every_language_on_request_with_a_lang_attribute_on_the_other_languages(client, pages):
    response = client.get("/search/", {"q": "sobredosis", "languages": "all"})

    assert page_titles(response) == ["Sobredosis y tratamiento"]
    html = response.content.decode()
    assert re.search(r'<li class="search-hit" lang="es">\s*<span class="badge">', html)
    assert 'name="languages" value="all" checked' in html

    both = client.get("/search/", {"q": "treatments", "languages": "all"})
    assert sorted(page_titles(both)) == ["Overdose and treatment"]
    from_spanish = client.get("/es/search/", {"q": "overdoses", "languages": "all"})
    assert page_titles(from_spanish) == ["Overdose and treatment"]
    assert '<li class="search-hit" lang="en">' in from_spanish.content.decode()


def test_the_checkbox_is_offered_and_unticked_by_default(client, pages):
    html = client.get("/es/search/", {"q": "sobredosis"}).content.decode()

    assert '<input type="checkbox" id="search-page-languages" name="languages" value="all">' in html


def test_the_engine_keeps_to_the_requested_language(pages):
    spanish_only = search(Search(parse("tratamiento"), language="spanish"))
    english_only = search(Search(parse("treatment"), language="english"))

    assert [hit.title for hit in spanish_only.hits] == ["Sobredosis y tratamiento"]
    assert [hit.title for hit in english_only.hits] == ["Overdose and treatment"]
