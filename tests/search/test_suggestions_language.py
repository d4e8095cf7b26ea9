"""Search suggestions in the page's language (issue 19): titles suggested as you type and “did you
mean” come from the pages in the language of the search page (/es/search/ in Spanish), and the
suggestion's result type is named in that language."""

import pytest
from wagtail.models import Locale

from portal.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(home, django_capture_on_commit_callbacks):
    locale = Locale.objects.get(language_code="es")
    with django_capture_on_commit_callbacks(execute=True):
        home_es = home.copy_for_translation(locale)
        home_es.save_revision().publish()
    return locale


@pytest.fixture
def pages(publish, spanish, django_capture_on_commit_callbacks):
    """An English page and its Spanish translation, whose titles share their first letters."""
    english = publish("Naloxone training", intro="Learn to use naloxone.")
    with django_capture_on_commit_callbacks(execute=True):
        translated = english.copy_for_translation(spanish)
        translated.title = "Naloxona: capacitación"
        translated.intro = "Aprende a usar la naloxona."
        translated.save_revision().publish()
    return english, StandardPage.objects.get(pk=translated.pk)


def suggestions(client, path, q):
    response = client.get(path, {"q": q})
    assert response.status_code == 200
    return response.json()["suggestions"]


def test_titles_are_suggested_in_the_pages_language(client, pages):
    english = suggestions(client, "/search/suggest/", "nalox")
    spanish = suggestions(client, "/es/search/suggest/", "nalox")

    assert [(s["title"], s["kind_label"]) for s in english] == [("Naloxone training", "Page")]
    assert [(s["title"], s["kind_label"]) for s in spanish] == [("Naloxona: capacitación", "Página")]
    assert suggestions(client, "/search/suggest/", "capaci") == []


def test_did_you_mean_offers_words_of_the_pages_language(client, pages):
    spanish = client.get("/es/search/", {"q": "capasitación"})
    english = client.get("/search/", {"q": "capasitación"})

    assert spanish.context["results"].suggestion == "capacitación"
    assert "¿Quisiste decir" in spanish.content.decode()
    assert english.context["results"].suggestion == ""

    assert client.get("/search/", {"q": "trainnig"}).context["results"].suggestion == "training"
    assert client.get("/es/search/", {"q": "trainnig"}).context["results"].suggestion == ""
