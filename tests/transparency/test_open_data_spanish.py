"""The open data in Spanish (issue 19): the data dictionary at /es/transparency/data/ and the JSON
downloads it links to explain every column in Spanish, under the same column names (an API), with
the same rows as the English files."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def dictionary_rows(html):
    """(column name, meaning) of every row of the dictionary's tables."""
    return re.findall(r'<tr><th scope="row"><code>([^<]+)</code></th><td>[^<]*</td><td>([^<]*)</td>', html)


@pytest.fixture
def concerns(make_concern, partner):
    for n in range(6):
        make_concern(timezone.now() - timedelta(minutes=10 + n), {partner: 2})


def test_the_spanish_dictionary_explains_the_same_columns_in_spanish(client):
    english = client.get("/transparency/data/").content.decode()
    spanish = client.get("/es/transparency/data/").content.decode()

    english_rows, spanish_rows = dictionary_rows(english), dictionary_rows(spanish)
    assert [name for name, _ in spanish_rows] == [name for name, _ in english_rows]
    assert len(spanish_rows) > 60
    meanings = dict(spanish_rows)
    assert meanings["resolved"] == "De ellas, cuántas están resueltas ahora."
    assert meanings["held"] == "Publicaciones retenidas para revisión antes de que nadie las viera."
    assert meanings["received_suppressed"] == "Si received está suprimido."
    assert meanings["hidden_crisis_language"] == \
        "De las publicaciones ocultadas, las ocultadas por: Lenguaje de crisis."
    assert "<td>entero o vacío</td>" in spanish and "<td>sí: vacío cuando está suprimido</td>" in spanish
    assert dict(english_rows)["resolved"] == "Of those, how many are resolved now."
    # Every meaning is translated: none is left as on the English page.
    assert not set(meanings.values()) & set(dict(english_rows).values())
    # The downloads it links to are the Spanish ones.
    assert 'href="/es/transparency/data/concerns.json"' in spanish


def test_the_spanish_json_download_keeps_the_columns_and_rows_and_explains_them_in_spanish(client, concerns):
    english = json.loads(client.get("/transparency/data/concerns.json").content)
    spanish = json.loads(client.get("/es/transparency/data/concerns.json").content)

    assert spanish["columns"] == english["columns"]
    assert spanish["rows"] == english["rows"]
    assert list(spanish["column_meanings"]) == spanish["columns"]
    assert spanish["column_meanings"]["answered"] == (
        "De ellas, cuántas tuvieron una respuesta oficial (de esta organización, en una fila de "
        "organización).")
    assert english["column_meanings"]["answered"] == (
        "Of those, how many have had an official answer (from this partner, on a partner row).")
    assert spanish["title"] == "Inquietudes por mes: totales, y por organización, tema y barrio"
    assert spanish["dictionary"] == "/es/transparency/data/"
    assert english["dictionary"] == "/transparency/data/"


def test_the_spanish_csv_has_the_english_files_header_and_rows(client, concerns):
    english = client.get("/transparency/data/moderation.csv").content.decode()
    spanish = client.get("/es/transparency/data/moderation.csv").content.decode()

    assert spanish == english
    assert "hidden_crisis_language" in next(csv.reader(io.StringIO(spanish)))
