"""The interface's languages: which ones, their addresses, and the language of a resident's email.

The languages are settings.LANGUAGES. The site's own language (LANGUAGE_CODE, a regional English
such as en-gb or en-us from PORTAL_COUNTRY) is served without a prefix, so every address from
before the portal was bilingual still works; every other language lives under /<code>/ (portal/
urls.py, `i18n_patterns(..., prefix_default_language=False)`; LocaleMiddleware activates it).
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def choices():
    """The languages a resident may choose (callable `choices` for the account field)."""
    return list(settings.LANGUAGES)


def url_code(language):
    """The code that puts `language` in an address: the site's own language (which may be a
    regional variant, en-gb, of a listed "en") has no prefix, the others /<code>/."""
    site = settings.LANGUAGE_CODE
    if language == site or language == site.split("-")[0]:
        return site
    return language


def html_lang(language=None):
    """A BCP 47 tag for `<html lang>`: en-gb -> en-GB, es -> es."""
    language, _, region = (language or translation.get_language() or settings.LANGUAGE_CODE).partition("-")
    return f"{language}-{region.upper()}" if region else language


@dataclass(frozen=True, slots=True)
class Alternate:
    code: str   # the listed code, e.g. "en" or "es" (hreflang and lang attributes)
    name: str   # the language's name in itself
    url: str    # this page in that language, a path with the query string
    href: str   # the same as an absolute address, without the query string (hreflang)
    current: bool


def alternates(request):
    """The current page in every language, for the switcher and the hreflang links. No queries:
    the path is resolved and reversed in each language."""
    from . import absolute  # Wagtail's models: not while the account model loads this module

    current = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    path, full_path = request.path, request.get_full_path()
    base = absolute.base_url(request)
    result = []
    for code, name in settings.LANGUAGES:
        language = url_code(code)
        result.append(Alternate(
            code=code, name=name, url=translate_url(full_path, language),
            href=base + translate_url(path, language),
            current=code == current))
    return result


def localised(url):
    """An unprefixed local address (the site's language) in the current language, for addresses
    built once for every visitor, such as the cached menu (portal/chrome.py). An address that
    already carries a language is returned as it is."""
    if not url or not url.startswith("/") or url.startswith("//") or translation.get_language_from_path(url):
        return url
    current = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(settings.LANGUAGE_CODE):  # resolved as the unprefixed address it is
        return translate_url(url, current)


def chosen_on_page():
    """The listed language of the current page ("es") when it is not the site's own, else "":
    what a new account made on this page prefers."""
    current = url_code((translation.get_language() or settings.LANGUAGE_CODE).split("-")[0])
    if current == settings.LANGUAGE_CODE:
        return ""
    return current if current in dict(settings.LANGUAGES) else ""


def for_user(user):
    """The language of the emails to `user`: the one they chose, else the site's."""
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


# The language of what people write ------------------------------------------------------------
# lingua-language-detector, limited to the listed languages: about 17 MB and under a millisecond
# per post for English and Spanish (figures in /work/notes/i18ncontent.md). A text too short or
# too mixed to tell (lingua's minimum relative distance) gets the caller's default: the language
# of the page it was written on.
MIN_RELATIVE_DISTANCE = 0.25


@lru_cache(maxsize=4)
def _detector(codes):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:
            continue  # a listed language lingua does not know is never detected
    if len(languages) < 2:
        return None
    return (LanguageDetectorBuilder.from_languages(*languages)
            .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE).build())


def detect(text, default=""):
    """The listed language (a code of settings.LANGUAGES, e.g. "es") `text` is written in, or
    `default` when it cannot tell."""
    codes = tuple(code for code, _name in settings.LANGUAGES)
    detector = _detector(codes)
    if detector is None or not (text or "").strip():
        return default
    language = detector.detect_language_of(text[:2000])
    if language is None:
        return default
    code = language.iso_code_639_1.name.lower()
    return code if code in codes else default


def page_language():
    """The listed code of the current page's language ("en", "es")."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE.split("-")[0]


def name_of(code):
    """A listed language's name in itself ("Español"), or the code."""
    return dict(settings.LANGUAGES).get(code, code)


# Text editors translate on the object itself ------------------------------------------------
# Short texts residents see on snippets and settings (a topic's name, a partner's description,
# the crisis banner) have a Spanish field beside the English one (`name_es` beside `name`): a
# Spanish topic is the same topic, so routing, filters and figures are unchanged.
TRANSLATED_LANGUAGES = ("es",)


def translated_code():
    """The code of the current language if objects have fields in it ("es"), else ""."""
    code = (translation.get_language() or "").split("-")[0]
    return code if code in TRANSLATED_LANGUAGES else ""


def translated(obj, field):
    """`obj.<field>` in the current language: its `<field>_<code>` when the page is in a language
    with its own field and an editor filled it in, else the field itself."""
    code = translated_code()
    if code:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return getattr(obj, field)
