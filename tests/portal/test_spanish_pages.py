"""No English left in the interface of the key pages at /es/ (issue 19).

Each page is rendered in English and in Spanish. A piece of text a visitor reads or hears (text,
aria-label, title, alt, placeholder, a button's value) that is the same in both renders and has
English words in it is interface text nobody translated, unless it is content: what residents and
editors wrote (page titles and bodies, posts, names of partners, topics and places), which is shown
as written in every language. Dates inside <time> are left out (the Spanish and English short
month names coincide, "Nov"), and so are a few names that are the same in both languages."""

import html
import json
import os
import pprint
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from events.models import CalendarPage, EventPage
from forums.models import BoardPage, Thread
from portal.models import SiteSettings
from stories.models import ReportPage
from transparency.models import TransparencyPage

pytestmark = pytest.mark.django_db

# The same in English and Spanish, or names: never a failure.
NEUTRAL = {
    "Common Ground", "English", "Español", "RSS", "Atom", "CSV", "JSON", "iCalendar", "Markdown",
    "Google Calendar", "Open311", "Spam", "Email", "Visible", "No",
}
TEXT_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class Texts(HTMLParser):
    """The texts of a page a visitor reads or hears, outside <time>, <script> and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "time", "code", "svg"):
            self.skip += 1
        attrs = dict(attrs)
        values = [attrs.get(name) for name in TEXT_ATTRIBUTES]
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            values.append(attrs.get("value"))
        if tag == "meta" or tag == "link" and attrs.get("rel") != "alternate":
            values = []
        self.texts += [value for value in values if value]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style", "time", "code", "svg"):
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "time", "code", "svg"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)


def texts(html):
    parser = Texts()
    parser.feed(html)
    return {" ".join(text.split()) for text in parser.texts if text.strip()}


CONTENT_APPS = ("wagtailcore", "forums", "concerns", "moderation", "stories", "events", "portal",
                "partners", "taxonomy", "transparency", "search", "accounts")
NOT_CONTENT = ("OutboxEmail", "AuditLogEntry")  # rendered by the portal itself, interface included


def strings(value):
    """The strings inside a field's value (a stream field's JSON holds them in its leaves)."""
    if isinstance(value, str):
        try:
            decoded = json.loads(value) if value[:1] in "[{" else None
        except ValueError:
            decoded = None
        return strings(decoded) if decoded is not None else [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def content_corpus():
    """Every text residents and editors wrote, as one string: page fields, posts, partners,
    topics, places, events, settings, and the search index built from them."""
    parts = []
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS or model.__name__ in NOT_CONTENT:
            continue
        fields = [field.attname for field in model._meta.concrete_fields
                  if isinstance(field, models.CharField | models.TextField | models.JSONField)
                  or field.get_internal_type() in ("StreamField", "RichTextField")]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            parts += [text for value in row if value for text in strings(value)]
    text = html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))
    return " ".join(text.split())


def is_content(text, corpus):
    """All of `text` is written by someone: each of its phrases (between punctuation, numbers
    left out) appears in the corpus. Names that are the same in both languages count too."""
    pieces = [piece.strip(" .") for piece in re.split(r"[·|,:;()“”\"–—›…]|\d[\d.,]*", text)]
    return all(piece in corpus or piece in NEUTRAL for piece in pieces if re.search(r"[A-Za-z]{2}", piece))


def english_left(text):
    if text in NEUTRAL or not re.search(r"[A-Za-z]{3}", text):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    return not all(word in NEUTRAL for word in words)


def key_pages():
    """Paths of the key pages, unprefixed (English)."""
    with translation.override(settings.LANGUAGE_CODE):
        site = Site.objects.get(is_default_site=True)
        english = Locale.get_default()  # the English pages (their Spanish translations: at /es/ too)
        rules = SiteSettings.for_site(site).community_rules_page
        thread = Thread.objects.public().order_by("pk").first()
        return {
            "home": "/",
            "get help": Page.objects.live().get(slug="get-help", locale=english).url,
            "community rules": rules.url,
            "forum board": BoardPage.objects.live().filter(locale=english).order_by("path").first().url,
            "a thread": thread.get_absolute_url(),
            "a report": ReportPage.objects.live().filter(locale=english).order_by("path").first().url,
            "events": CalendarPage.objects.live().filter(locale=english).first().url,
            "an event": EventPage.objects.live().filter(locale=english).order_by("path").first().url,
            "search": reverse("search:search") + "?q=treatment",
            "transparency": TransparencyPage.objects.live().filter(locale=english).first().url,
            "sign up": reverse("account_signup"),
            "log in": reverse("account_login"),
            "partners": reverse("partner_list"),
        }


def report(found):
    """The pages with English left, for the assertion (and LEFT_OUT=file to keep the list)."""
    left = {name: texts for name, texts in found.items() if texts}
    if os.environ.get("LEFT_OUT"):
        with open(os.environ["LEFT_OUT"], "a") as out:
            out.write(pprint.pformat(left, width=150) + "\n")
    return left


def untranslated(client, path, corpus):
    english, spanish = client.get(path, follow=True), client.get("/es" + path, follow=True)
    translation.activate(settings.LANGUAGE_CODE)  # the test's own reverse() calls: unprefixed
    assert (english.status_code, spanish.status_code) == (200, 200), path
    assert all(url.startswith("/es/") for url, _status in spanish.redirect_chain), spanish.redirect_chain
    assert '<html lang="es"' in spanish.text
    left = texts(spanish.text) & texts(english.text)
    return sorted(text for text in left if english_left(text) and not is_content(text, corpus))


def test_the_key_pages_have_no_english_left_in_spanish(client, demo_city):
    corpus = content_corpus()
    found = {name: untranslated(client, path, corpus) for name, path in key_pages().items()}

    assert report(found) == {}


def test_the_key_pages_have_no_english_left_for_a_signed_in_resident(client, demo_city):
    from portal.accounts.models import User

    resident = User.objects.filter(is_staff=False, is_active=True, emailaddress__verified=True).first()
    client.force_login(resident)
    corpus = content_corpus()
    pages = key_pages()
    found = {name: untranslated(client, pages[name], corpus)
             for name in ("home", "forum board", "a thread", "an event", "transparency")}
    with translation.override(settings.LANGUAGE_CODE):
        more = {"raise a concern": reverse("forums:raise_concern"), "profile": reverse("account_profile"),
                "notifications": reverse("forums:notifications")}
    found.update({name: untranslated(client, path, corpus) for name, path in more.items()})

    assert report(found) == {}


def test_the_check_tells_interface_text_from_content(demo_city):
    """What the two tests above count as left in English: interface text, not what people wrote."""
    corpus = content_corpus()
    title = Thread.objects.public().order_by("pk").first().title
    page = f'<nav aria-label="Filter threads"><h1>{title}</h1><p>Start a thread</p><time>30 Nov</time></nav>'

    assert sorted(t for t in texts(page) if english_left(t) and not is_content(t, corpus)) == [
        "Filter threads", "Start a thread"]
