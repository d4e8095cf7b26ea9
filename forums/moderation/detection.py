"""Finding personal data and crisis language in what readers will see. No database.

`scan(text)` returns every finding with its place in `readable(...)`'s text, so the review queue
can highlight it. The text is what a reader sees: a post's Markdown is rendered and sanitised
(portal.markup), the tags are dropped, entities decoded, Unicode folded with NFKC (full-width
digits, ligatures) and invisible format characters (zero-width spaces, joiners, soft hyphens)
removed. Link addresses are read too, since a reader can follow them.

Country-specific (portal/country.py, PORTAL_COUNTRY): phone numbers are read by phonenumbers'
PhoneNumberMatcher for the deployment's region (international numbers with + or 00 in any
country); number plates and postcodes follow the country's formats; street addresses are read in
English (US, GB, CA, IE, AU writing) and Spanish in every country.

Service numbers published on purpose are not personal data: the emergency and crisis-line
numbers, the site's help numbers (Site settings) and toll-free lines. The caller passes them as
`service_numbers`.

Every pattern has bounded repetition and starts only where a token starts, so a scan is linear
in the text's length: adversarial posts (20,000 digits, one 20,000-letter token, 5,000 brackets)
take milliseconds (bench/safety.py measures it).

Without a house number, a street is an address when a flat, apartment or unit number goes with
it ("Flat 2, Mill Lane", "apartment 4C on Northside Boulevard", "calle Olmo, piso 3") or a postcode
does; a one-word street ("101 Kingsway", "7 Westgate") is read with its house number. A handle
without @ or a platform before it is held when the words around it say it is an account ("she's
jess_k99 on there", "look up mike_t_44", "su usuario es jess_k99").

What it misses (the flag button and moderators are the safety net): a home described without any
number ("the flat above the shop on Mill Lane"), house names, numbers split over several posts,
a bare handle with nothing around it that says so, and crisis language that says nothing the
patterns know.
"""

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberType


class Kind:
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    PLATE = "plate"
    SOCIAL = "social"
    MESSAGING = "messaging"
    OVERDOSE = "overdose"
    SUICIDE = "suicide"
    SELF_HARM = "self-harm"


PERSONAL_KINDS = (Kind.PHONE, Kind.EMAIL, Kind.ADDRESS, Kind.PLATE, Kind.SOCIAL, Kind.MESSAGING)
CRISIS_KINDS = (Kind.OVERDOSE, Kind.SUICIDE, Kind.SELF_HARM)

LABELS = {
    Kind.PHONE: "a phone number",
    Kind.EMAIL: "an email address",
    Kind.ADDRESS: "a street address",
    Kind.PLATE: "a vehicle number plate",
    Kind.SOCIAL: "a social media account",
    Kind.MESSAGING: "a messaging app contact",
    Kind.OVERDOSE: "an overdose happening now",
    Kind.SUICIDE: "suicide",
    Kind.SELF_HARM: "self-harm",
}

# phonenumbers' leniency, measured on the corpus (bench/safety.py --leniency): VALID misses the
# numbers residents write that are not allocated (555 exchanges, made-up area codes); POSSIBLE
# only checks the length and, with our filters for dates, times and prices, holds no clean post.
LENIENCY = Leniency.POSSIBLE
MAX_PER_KIND = 20  # more findings of one kind add nothing: the post is held and a person reads it
MAX_NUMBER_CANDIDATES = 50  # phone-like numbers checked in one text; more are held unchecked


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int = 0
    end: int = 0

    @property
    def label(self):
        return LABELS[self.kind]


# Reading what readers see -------------------------------------------------------------------

_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|li|blockquote|pre|ul|ol|h\d)>", re.IGNORECASE)
_HREF = re.compile(r"<a\b[^>]{0,2000}?\bhref=\"([^\"]{0,2000})\"", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,4000}>")
_SPACES = re.compile(r"[^\S\n]+")
_MAILTO_OR_TEL = re.compile(r"^(?:mailto|tel):", re.IGNORECASE)


def readable(source="", *, markdown=True):
    """The text readers see of `source`: rendered Markdown (for post bodies) or plain text (titles,
    names, reasons), normalised. Link addresses other than the link's own text follow it."""
    if markdown:
        from portal import markup

        return from_html(markup.render(source))
    return normalise(html.unescape(source or ""))


def from_html(rendered):
    """The text readers see of HTML that portal.markup rendered, normalised."""
    hrefs = [html.unescape(h) for h in _HREF.findall(rendered or "")]
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", rendered or "")))
    extra = [_MAILTO_OR_TEL.sub("", h) for h in hrefs]
    extra = [h for h in extra if h and h not in text]
    if extra:
        text += "\n" + "\n".join(extra)
    return normalise(text)


def normalise(text):
    text = _format_characters().sub("", unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _format_characters():
    """Unicode's format characters (zero-width spaces and joiners, soft hyphens, bidi marks)."""
    chars = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


# Scanning ------------------------------------------------------------------------------------

def scan(text, *, country="GB", service_numbers=()):
    """Every finding in `text` (already readable()), personal data first, then crisis language,
    each part of the text claimed by one finding at most."""
    text = text or ""
    lower = _lowered(text)
    candidates = (_personal_candidates(lower, text, country, _service_digits(service_numbers, country))
                  + _crisis_candidates(lower))
    return [Finding(f.kind, text[f.start:f.end].strip(), f.start, f.end)
            for f in _without_overlaps(_first_of_each_kind(candidates))]


def find_personal_data(text, *, country="GB", service_numbers=()):
    return [f for f in scan(text, country=country, service_numbers=service_numbers)
            if f.kind in PERSONAL_KINDS]


def find_crisis(text):
    text = text or ""
    return [Finding(f.kind, text[f.start:f.end].strip(), f.start, f.end)
            for f in _without_overlaps(_first_of_each_kind(_crisis_candidates(_lowered(text))))]


def _lowered(text):
    """`text` in lower case, each character where it was (the patterns are written in lower case:
    Python's re scans much faster without IGNORECASE)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def describe(findings):
    """"a phone number and an email address" for a list of findings (each kind once)."""
    labels = list(dict.fromkeys(f.label for f in findings))
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _first_of_each_kind(candidates):
    """At most MAX_PER_KIND candidates of each kind (4,000 '@name' would otherwise cost 16 million
    overlap checks); the post is held whatever the rest are."""
    counts, kept = {}, []
    for finding in candidates:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
        if counts[finding.kind] <= MAX_PER_KIND * 2:
            kept.append(finding)
    return kept


def _without_overlaps(candidates):
    findings, taken = [], []
    for finding in candidates:
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue  # an email's digits are not also a phone number
        taken.append((finding.start, finding.end))
        findings.append(finding)
    return findings


def _found(kind, match, group=0):
    return Finding(kind, match.group(group).strip(), match.start(group), match.end(group))


def _personal_candidates(lower, text, country, service):
    """Candidates found in `lower`; `text` (the same in its own case) decides plates and postcodes."""
    out = []
    out += _emails(lower)
    out += _messaging_and_social(lower)
    out += _phones(lower, country, service)
    out += _addresses(lower, text, country)
    out += _plates(lower, text, country)
    return out


# Emails ----------------------------------------------------------------------------------------

_AT = (r"(?:\s{0,3}@\s{0,3}|\s{0,3}[(\[{<]\s{0,2}(?:at|arroba)\s{0,2}[)\]}>]\s{0,3}|"
       r"\s{1,3}(?:at|arroba)\s{1,3})")
_DOT = (r"(?:\s{0,2}\.\s{0,2}|\s{0,3}[(\[{<]\s{0,2}(?:dot|punto)\s{0,2}[)\]}>]\s{0,3}|"
        r"\s{1,3}(?:dot|punto)\s{1,3})")
_TLDS = ("com|org|net|edu|gov|mil|info|biz|io|co|me|us|uk|ca|au|ie|es|mx|ar|cl|co|pe|eu|de|fr|it|"
         "nl|pt|br|app|dev|email|online")
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}" + _AT + r"[\w-]{1,63}(?:" + _DOT + r"[\w-]{1,63}){0,3}" + _DOT +
    r"(?:" + _TLDS + r"|[a-z]{2,12}(?=\s{0,2}$|[\s,;)!?]|\.(?:\s|$)))\b",
)


def _emails(text):
    out = []
    for match in itertools.islice(EMAIL.finditer(text), MAX_PER_KIND * 2):
        found = match.group(0)
        if "@" not in found and not _looks_obfuscated(found):
            continue
        out.append(_found(Kind.EMAIL, match))
    return out


_SPELLED_TLD = re.compile(r"(?:dot|punto|\.)\s{0,2}[)\]}>]?\s{0,3}(?:" + _TLDS + r")\b")


def _looks_obfuscated(found):
    """'jo at example dot com' is an email; 'meet at noon. com' is not: a spelled-out form needs a
    known top-level domain at its end."""
    if re.search(r"\s\.|\.\s", found):
        return False  # a sentence's full stop, not a spelled-out address's dot
    return bool(_SPELLED_TLD.search(found[-24:]))


# Social handles and messaging apps --------------------------------------------------------------

_SOCIAL_APPS = (r"insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|tt|twitter|x\.com|threads|facebook|fb|"
                r"bluesky|bsky|twitch|youtube|reddit|discord|kik")
_MESSAGING_APPS = r"whats\s?app|wa|telegram|tg|signal|viber|wechat|messenger"
_HANDLE = r"@?([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)"
SOCIAL_CONTEXT = re.compile(
    r"\b(?:" + _SOCIAL_APPS + r")\b\s{0,2}(?:[:\-=]|handle|account|user(?:name)?|name|cuenta|usuario|"
    r"is|es|as|como|at|@|under)?(?:\s{0,2}(?:is|es|as|como|:|at))?\s{0,3}" + _HANDLE,
)
MESSAGING_CONTEXT = re.compile(
    r"\b(?:" + _MESSAGING_APPS + r")\b\s{0,2}(?:[:\-=]|number|número|numero|handle|user(?:name)?|"
    r"is|es|at|on|en|@|me|him|her)?\s{0,3}(?:is|es|:|at|on)?\s{0,3}"
    r"(\+?[a-z0-9_@][a-z0-9_.\- ()]{2,30}[a-z0-9_])",
)
AT_HANDLE = re.compile(r"(?<![\w.@/])@([a-z_][a-z0-9_.]{1,29}[a-z0-9_]|[a-z][a-z0-9_]?)(?![\w@])")
_NOT_A_HANDLE = frozenset({
    "the", "a", "an", "her", "him", "his", "them", "me", "my", "is", "as", "at", "on", "and", "or",
    "es", "en", "la", "el", "su", "mi", "de", "for", "to", "too", "it", "this", "that", "there",
    "now", "again", "com", "all", "home", "night", "work", "school", "you", "your",
})
_AT_WORDS = frozenset({"home", "night", "noon", "work", "school", "least", "all", "once", "last",
                       "first", "the", "a", "an", "risk", "midnight", "dawn", "church"})


def _messaging_and_social(text):
    out = []
    for match in itertools.islice(MESSAGING_CONTEXT.finditer(text), MAX_PER_KIND * 2):
        handle = match.group(1).strip()
        digits = sum(ch.isdigit() for ch in handle)
        if digits >= 6 or (handle.startswith("@") and len(handle) > 2) or (
                digits == 0 and _is_handle(handle) and _has_handle_shape(match.group(0))):
            out.append(_found(Kind.MESSAGING, match, 1))
    for match in itertools.islice(SOCIAL_CONTEXT.finditer(text), MAX_PER_KIND * 2):
        if _is_handle(match.group(1)) and _has_handle_shape(match.group(0)):
            out.append(_found(Kind.SOCIAL, match, 1))
    for match in itertools.islice(AT_HANDLE.finditer(text), MAX_PER_KIND * 2):
        if match.group(1).lower() not in _AT_WORDS:
            out.append(_found(Kind.SOCIAL, match))
    return _social_urls(text) + out + _bare_handles(text)


# A handle written bare, without @ or a platform before it: "she's jess_k99 on there", "look up
# mike_t_44", "su usuario es jess_k99", "add tyler_b on snap". A word with an underscore, a dot or
# digits in it, held when what is around it says it is an account.
BARE_HANDLE = re.compile(
    r"(?<![\w@.#/:\\-])([a-z][a-z0-9]{0,28}[_.\d](?:[a-z0-9_.]{0,27}[a-z0-9_])?)(?![\w@]|\.[a-z0-9])")
_HANDLE_CUE = re.compile(
    r"\b(?:add|follow|dm|message|msg|hit\s{1,2}up|look\s{1,2}up|search(?:\s{1,2}for)?|handle|username|"
    r"user\s{1,2}name|account|profile|usuario|cuenta|perfil|goes\s{1,2}by|b[uú]scal[aoe]s?|"
    r"agr[eé]gal[aoe]s?|s[ií]gue(?:l[aoe]s?|me)?(?:\s{1,2}a)?)\s{1,2}"
    r"(?:(?:her|him|them|me|at|as|on|is|es|:|como)\s{1,2}){0,2}")
_HANDLE_WEAK_CUE = re.compile(
    r"(?:\b(?:she|he|they|it|who)(?:['’]s|['’]re|\s{1,2}is|\s{1,2}are)|\b(?:es|is|as|como|called)|:)\s{1,2}")
_HANDLE_ON_APP = re.compile(r",?\s{1,3}(?:on|en)\s{1,2}(?:" + _SOCIAL_APPS + r")\b")
_HANDLE_ON_THERE = re.compile(
    r",?\s{1,3}(?:on\s{1,2}(?:there|it|the\s{1,2}(?:app|gram)|socials|everything|all\s{1,2}the\s{1,2}apps)|"
    r"en\s{1,2}(?:esa\s{1,2}(?:red|app)|redes|la\s{1,2}app|todas))\b")
_NOT_BARE_HANDLES = re.compile(
    r"^(?:www\.|covid|mp\d|h\d{3}|[a-z]\d{1,3}$|\w+\.(?:" + _TLDS + r")$|[a-z]\.[a-z]$|\w{1,3}\.\w{1,3}$)")


# A link to someone's profile is their handle: instagram.com/jess_k99, tiktok.com/@jessk99.
SOCIAL_URL = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.|m\.|mobile\.)?(?:instagram\.com|instagr\.am|snapchat\.com/add|"
    r"tiktok\.com|twitter\.com|x\.com|facebook\.com|fb\.com|threads\.net|bsky\.app/profile|"
    r"twitch\.tv|kik\.me|t\.me|wa\.me)/@?([a-z0-9_][a-z0-9_.\-]{1,40})")
_NOT_PROFILES = frozenset({"p", "reel", "reels", "explore", "watch", "groups", "events", "hashtag", "share",
                           "sharer", "sharer.php", "intent", "home", "search", "tag", "stories", "tv",
                           "music", "discover", "i", "help", "legal", "about", "privacy", "login", "signup"})


def _social_urls(text):
    out = []
    for match in itertools.islice(SOCIAL_URL.finditer(text), MAX_PER_KIND * 2):
        if match.group(1).rstrip(".").lower() not in _NOT_PROFILES:
            kind = Kind.MESSAGING if re.search(r"(?:t|wa)\.me/", match.group(0)) else Kind.SOCIAL
            out.append(_found(kind, match))
    return out


def _bare_handles(text):
    """Each candidate word costs a dictionary look-up and two anchored matches: the cues before it
    are found once for the whole text (where each ends), not searched again per word."""
    out, strong, weak = [], None, None
    for match in BARE_HANDLE.finditer(text):
        if len(out) >= MAX_PER_KIND:
            break
        token, at, end = match.group(1), match.start(), match.end()
        if len(token) < 4 or _NOT_BARE_HANDLES.search(token):
            continue
        if strong is None:
            strong = {m.end() for m in itertools.islice(_HANDLE_CUE.finditer(text), 10_000)}
            weak = {m.end() for m in itertools.islice(_HANDLE_WEAK_CUE.finditer(text), 10_000)}
        if _HANDLE_ON_APP.match(text, end) or (_HANDLE_ON_THERE.match(text, end) and (
                at in strong or at in weak)) or ("_" in token and at in strong):
            out.append(_found(Kind.SOCIAL, match, 1))
    return out


def _is_handle(word):
    word = word.lstrip("@").lower()
    return len(word) >= 3 and word not in _NOT_A_HANDLE and not word.isdigit()


def _has_handle_shape(found):
    """'find her on insta as jess_r99' or 'snap: jessr' names an account; 'on instagram today'
    does not: the handle has an @, a digit, an underscore or dot, or follows a colon or 'as/is'."""
    return bool(_HANDLE_SHAPE.search(found))


_HANDLE_SHAPE = re.compile(r"@|[:=]|\b(?:as|is|es|como|handle|user(?:name)?|usuario|account|cuenta)\b"
                           r"\s{0,3}\S{2,}$|[a-z][_.][a-z0-9]|[a-z]\d|\d[a-z]", re.IGNORECASE)


# Phone numbers -----------------------------------------------------------------------------------

# Digits in groups of 1 to 5, split by one space, dot, dash, slash or brackets: what
# PhoneNumberMatcher does not read ("0 7 7 0 0 9 0 0 1 2 3", "07700.900.123", "555-0199").
DIGIT_RUN = re.compile(
    r"(?<![\w+.,/:$£€#%-])(?:\+|00)?\(?\d{1,15}\)?(?:(?:[ .\-/‐‑‒–—]|\) ?| ?\()\(?\d{1,15}\)?){0,10}(?![\w%])"
    r"(?:\s{0,2}(?:ext\.?|extension|x|ext:)\s{0,2}\d{1,5})?",
)
_DATE = re.compile(r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[./-]\d{1,2})$")
_TIME_OR_MONEY_BEFORE = re.compile(r"(?:[$£€]|\b(?:at|from|until|till|to|de|a las|las|desde|hasta)\s)\s?$")
_NUMBER_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "cero": "0",
    "one": "1", "uno": "1", "una": "1", "two": "2", "dos": "2", "three": "3", "tres": "3",
    "four": "4", "cuatro": "4", "five": "5", "cinco": "5", "six": "6", "seis": "6",
    "seven": "7", "siete": "7", "eight": "8", "ocho": "8", "nine": "9", "nueve": "9",
}
_WORD_DIGIT = r"(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r"|double|triple|doble|\d)"
SPELLED_NUMBER = re.compile(
    r"(?<![\w-])" + _WORD_DIGIT + r"(?:[\s,\-]{1,3}" + _WORD_DIGIT + r"){6,20}(?![\w-])",
)


def _phones(text, country, service):
    """Each run of digits is read by PhoneNumberMatcher (so its grouping rules and extensions
    apply), and by our own check where it finds nothing (single spaces, dots, short local
    numbers); numbers spelled out in words are turned into digits first."""
    out, checked = [], 0
    for match in DIGIT_RUN.finditer(text):
        raw = match.group(0)
        if not 7 <= sum(ch.isdigit() for ch in raw) <= 20:
            continue
        checked += 1
        if checked > MAX_NUMBER_CANDIDATES:  # hundreds of phone-like numbers: a person checks
            out.append(_found(Kind.PHONE, match))
            break
        found = _matcher_findings(text, match, country, service) or (
            [_found(Kind.PHONE, match)] if _phone_like(raw, country, service)
            and not _is_date_or_money(text, match.start(), raw) else [])
        out += found
        if len(out) >= MAX_PER_KIND:
            return out
    for match in SPELLED_NUMBER.finditer(text):
        digits = _spelled_digits(match.group(0))
        if len(digits) >= 7 and _phone_like(digits, country, service):
            out.append(_found(Kind.PHONE, match))
            if len(out) >= MAX_PER_KIND:
                break
    return out


def _matcher_findings(text, match, country, service):
    offset = match.start()
    return [Finding(Kind.PHONE, raw, offset + start, offset + end)
            for raw, start, end in _matcher_spans(match.group(0), country, service, LENIENCY)
            if not _is_date_or_money(text, offset + start, raw)]


@lru_cache(maxsize=2048)
def _matcher_spans(candidate, country, service, leniency):
    return [(m.raw_string, m.start, m.end)
            for m in phonenumbers.PhoneNumberMatcher(candidate, country, leniency=leniency, max_tries=5)
            if _phone_like(m.raw_string, country, service)]


def _phone_like(raw, country, service):
    return _phone_like_cached(raw, country, service)


@lru_cache(maxsize=2048)
def _phone_like_cached(raw, country, service):
    digits = re.sub(r"\D", "", raw.split("x")[0].split("X")[0].split("ext")[0])
    if not 7 <= len(digits) <= 15:
        return False
    international = raw.lstrip("(").startswith(("+", "00"))
    if not international and re.fullmatch(r"(?:19|20)\d\d", digits[:4]) and len(digits) <= 8:
        return False  # 2024 1500: a year and a figure
    try:
        number = phonenumbers.parse(("+" + digits[2:] if raw.startswith("00") else
                                     "+" + digits if international else digits), country)
    except phonenumbers.NumberParseException:
        return False
    if _is_service(number, service):
        return False
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return bool(LOCAL_NUMBER.search(raw))  # 555-0199 is written grouped; 12345678 is a reference
    return reason == phonenumbers.ValidationResult.IS_POSSIBLE


LOCAL_NUMBER = re.compile(r"(?<!\d)\d{3}[-. ]\d{4}$")


def _is_service(number, service):
    national = str(number.national_number)
    if national in service or phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.E164) in service:
        return True
    return phonenumbers.number_type(number) in SERVICE_TYPES or (
        number.country_code == 1 and national.startswith(("800", "888", "877", "866", "855", "844", "833")))


# Numbers organisations publish: free, shared-cost, premium, UK 03 and Spanish 90x lines.
SERVICE_TYPES = (PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.PREMIUM_RATE,
                 PhoneNumberType.UAN)


def _is_date_or_money(text, start, raw):
    stripped = raw.strip()
    if _DATE.match(stripped) or re.fullmatch(r"\d{1,2}[:.]\d{2}(?:\s?[-–]\s?\d{1,2}[:.]\d{2})?", stripped):
        return True
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", stripped):
        return True  # 1,250,000
    return bool(_TIME_OR_MONEY_BEFORE.search(text[max(0, start - 12):start])) and len(
        re.sub(r"\D", "", stripped)) < 9


def _spelled_digits(words):
    digits, repeat = "", 1
    for word in re.findall(r"[a-z]+|\d", words.lower()):
        if word in ("double", "doble"):
            repeat = 2
        elif word == "triple":
            repeat = 3
        else:
            digits += (_NUMBER_WORDS.get(word) or word) * repeat
            repeat = 1
    return digits


@lru_cache(maxsize=64)
def _service_digits_cached(numbers, country):
    out = set()
    for raw in numbers:
        digits = re.sub(r"\D", "", raw)
        if not digits:
            continue
        out.add(digits)
        try:
            number = phonenumbers.parse(raw, country)
            out.add(str(number.national_number))
            out.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        except phonenumbers.NumberParseException:
            pass
    return frozenset(out)


def _service_digits(numbers, country):
    return _service_digits_cached(tuple(numbers), country)


# Street addresses and postcodes ------------------------------------------------------------------

_STREET_EN = (
    r"street|st|road|rd|avenue|ave|av|boulevard|blvd|lane|ln|drive|dr|way|court|ct|close|crescent|"
    r"cres|terrace|terr|place|pl|gardens|gdns|grove|row|walk|square|sq|mews|hill|parade|view|"
    r"highway|hwy|parkway|pkwy|circle|cir|trail|plaza|pike|alley|broadway|green|park|rise|"
    r"wynd|quay|embankment|promenade|crossing|loop|expressway|turnpike"
)
_NOT_A_NAME = (
    r"the|a|an|on|in|at|to|of|for|and|or|from|by|with|down|up|along|across|off|per|more|less|my|our|"
    r"your|his|her|their|this|that|these|those|is|was|are|were|be|been|it|its|we|they|he|she|i|"
    r"minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|times?|people|persons?|cars?|miles?|"
    r"kms?|blocks?|houses?|doors?|steps?|yards?|metres?|meters?|feet|ft|police|officers?|cops?|"
    r"kids?|children|men|women|guys?|calls?|reports?|new|old|other|different|same|extra|only|"
    r"just|about|over|under|around|than|then|when|where|who|every|each|all|some|no|not"
)
_NAME_WORD = r"(?!(?:" + _NOT_A_NAME + r")\b)(?:[a-z][a-z'’.\-]{0,24}|\d{1,3}(?:st|nd|rd|th))"
ADDRESS_EN = re.compile(
    r"(?<![\w.,/-])\d{1,5}[a-z]?(?:[-/]\d{1,4}[a-z]?)?,?\s{1,3}"
    r"(?:(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?\s{1,2})?"
    r"(?:(?:" + _NAME_WORD + r"\s{1,3}){1,3}|the\s{1,3})(?:" + _STREET_EN + r")\b\.?"
    r"(?:\s{0,2}(?:and|&|at|y)\s{1,3}(?:" + _NAME_WORD + r"\s{0,3}){1,2}(?:(?:" + _STREET_EN + r")\b\.?)?)?",
)
# "1200 Wilson and Broadway", "the house at 40 Elm & 5th Street": a house number at a corner.
ADDRESS_CORNER = re.compile(
    r"(?<![\w.,/-])\d{1,5}[a-z]?\s{1,3}(?:" + _NAME_WORD + r"\s{1,3}){1,2}(?:and|&|at|y)\s{1,3}"
    r"(?:" + _NAME_WORD + r"\s{0,3}){0,2}(?:" + _STREET_EN + r")\b\.?",
)
_STREET_ES = (r"calle|c/|avenida|avda\.?|av\.|paseo|plaza|pza\.?|camino|carretera|ctra\.?|ronda|"
              r"travesía|travesia|glorieta|callejón|callejon|calzada|bulevar|pasaje|rambla|costanilla")
# The street word ends where its word does ("calle", not "called"); "c/Olmo" needs no space.
_STREET_ES_WORD = r"(?:" + _STREET_ES + r")(?:(?<=/)|(?![\w]))"
_NOT_A_NAME_ES = (r"a|en|con|por|para|que|es|está|esta|estaba|estaban|hay|había|son|desde|hasta|y|o|"
                  r"muy|más|mas|sin|cada|todos|todas|todo|ayer|hoy|anoche|mañana|cuando|donde|"
                  r"siempre|nunca|otra|otro|vez|veces|minutos|horas|días|dias|años|personas|gente")
_NAME_WORD_ES = r"(?!(?:" + _NOT_A_NAME_ES + r")\b)[^\W\d_][\w'’.\-]{0,24}"
ADDRESS_ES = re.compile(
    r"(?<![\w])" + _STREET_ES_WORD + r"\s{0,3}(?:(?:de|del|la|las|los|el)\s{1,3}){0,3}"
    r"(?:" + _NAME_WORD_ES + r"\s{1,3}){0,3}" + _NAME_WORD_ES +
    r",?\s{0,3}(?:n[º°o]\.?\s{0,2}|núm\.?\s{0,2}|número\s{1,2}|#\s{0,2})?\d{1,5}(?![\d:])"
    r"(?:[,\s]{1,3}(?:\d{1,2}\s{0,2}[º°ª]?\s{0,2}[a-z]?\b|(?:piso|apartamento|apto|depto|puerta)\s{0,2}[0-9a-z]{1,4}\b))?",
)
# "44 calle Olmo", "número 42 de la calle Olmo"
ADDRESS_ES_NUMBER_BEFORE = re.compile(
    r"(?<![\w.,/-])\d{1,5}[a-z]?,?\s{1,3}(?:de\s{1,3}(?:la\s{1,3})?)?(?:" + _STREET_ES + r")\s{1,3}"
    r"(?:(?:de|del|la|las|los|el)\s{1,3}){0,2}" + _NAME_WORD_ES,
)
ADDRESS_ES_NUMBER_FIRST = re.compile(
    r"(?<![\w])(?:número|numero|nº|n°|el)\s{1,3}\d{1,5}\s{1,3}(?:de\s{1,3}(?:la\s{1,3})?)"
    r"(?:" + _STREET_ES + r")\s{1,3}"
    r"(?:(?:de|del|la|las|los|el)\s{1,3}){0,2}" + _NAME_WORD_ES,
)
POSTCODES = {
    "GB": re.compile(r"(?<![\w])(?:[a-z]{1,2}\d[a-z\d]?\s{0,2}\d[abd-hjlnp-uw-z]{2})(?![\w])"),
    "CA": re.compile(r"(?<![\w])[abceghj-nprstvxy]\d[a-z]\s{0,2}\d[a-z]\d(?![\w])"),
    "IE": re.compile(r"(?<![\w])[ac-fhknprtv-y]\d{2}\s{0,2}[0-9ac-fhknprtv-y]{4}(?![\w])"),
    # a state and its postcode: "Fitzroy VIC 3065"
    "AU": re.compile(r"(?<![\w])(?:vic|nsw|qld|sa|wa|tas|nt|act)\s{1,2}\d{4}(?![\w])"),
}
# A ZIP or postal code after a street word, town and state: "Main St, Springfield, IL 62704".
ZIP_AFTER_STREET = re.compile(
    r"(?<![\w])(?:" + _STREET_EN + r")\b\.?,?\s{1,3}(?:[a-z][a-z'’.\-]{1,24}\s{1,2}){0,3}"
    r"(?:[a-z]{2}\s{1,2})?\d{5}(?:-\d{4})?(?!\d)",
)


# A flat, apartment or unit and its street identify a home without a house number: "Flat 2, Mill
# Lane", "apartment 4C on Northside Boulevard", "flat 4 above the chippy on Station Road",
# "Elm Street apt 3B", "el piso 2º B de la calle Mayor", "calle Olmo, piso 3".
_UNIT_EN = r"(?:flat|apartment|apt\.?|unit|suite|ste\.?)"
_UNIT_ES = r"(?:piso|apartamento|apto\.?|depto\.?|departamento|puerta)"
_UNIT_NUMBER = r"\s{0,2}(?:#|no\.?|number|n[º°o]\.?)?\s{0,2}\d{1,4}[a-z]?(?![\w:])"
# "2º B" reads "2o B" after NFKC
_UNIT_NUMBER_ES = r"\s{0,2}(?:#|n[º°o]\.?)?\s{0,2}\d{1,3}(?:[º°ªoa](?![a-z]))?\s{0,2}(?:[a-z]\b)?"
UNIT_STREET_EN = re.compile(
    r"(?<![\w])" + _UNIT_EN + _UNIT_NUMBER + r",?\s{1,3}"
    r"(?:[^.!?\n]{0,40}?\s(?:on|at|in|off|of|near|by|along)\s{1,3}|(?:on|at|in|off)\s{1,3})?"
    r"(?:the\s{1,3})?(?:" + _NAME_WORD + r"\s{1,3}){1,3}(?:" + _STREET_EN + r")\b\.?",
)
STREET_UNIT_EN = re.compile(
    r"(?<![\w])(?:" + _NAME_WORD + r"\s{1,3}){1,3}(?:" + _STREET_EN + r")\b\.?,?\s{1,3}"
    r"(?:" + _UNIT_EN + _UNIT_NUMBER + "|" + _UNIT_ES + _UNIT_NUMBER_ES + r")",
)
UNIT_STREET_ES = re.compile(
    r"(?<![\w])" + _UNIT_ES + _UNIT_NUMBER_ES + r",?\s{0,3}(?:(?:de|en)\s{1,3}(?:la\s{1,3}|el\s{1,3})?)?"
    + _STREET_ES_WORD + r"\s{0,3}(?:(?:de|del|la|las|los|el)\s{1,3}){0,3}" + _NAME_WORD_ES,
)
STREET_UNIT_ES = re.compile(
    r"(?<![\w])" + _STREET_ES_WORD + r"\s{0,3}(?:(?:de|del|la|las|los|el)\s{1,3}){0,3}"
    r"(?:" + _NAME_WORD_ES + r"\s{1,3}){0,2}" + _NAME_WORD_ES + r",?\s{1,3}" + _UNIT_ES + _UNIT_NUMBER_ES,
)
# A house number and a one-word street named without a street word, as British streets often are:
# "101 Kingsway", "7 Westgate". Capitalised, or after "at"/"lives"; not a hallway or a verb.
ONE_WORD_STREET = re.compile(
    r"(?<![\w.,/-])\d{1,4}[a-z]?,?\s{1,3}([a-z]{2,20}(?:way|[b-df-hj-np-tv-z]gate))\b(?!['’]s)",
)
_NOT_ONE_WORD_STREETS = frozenset({
    "hallway", "doorway", "pathway", "railway", "subway", "gangway", "runway", "halfway", "anyway",
    "midway", "stairway", "walkway", "freeway", "motorway", "expressway", "waterway", "alleyway",
    "archway", "driveway", "entryway", "gateway", "someway", "headway", "slipway", "fairway",
    "airway", "tailgate", "floodgate", "tollgate", "cycleway", "footway", "carriageway", "speedway",
})
_HOME_CUE = re.compile(r"\b(?:at|lives?|living|lived|address|house|home|flat|from|number|no\.?)\s{1,3}$")


def _one_word_streets(text, original):
    out = []
    for match in itertools.islice(ONE_WORD_STREET.finditer(text), MAX_PER_KIND * 2):
        name = match.group(1)
        if name in _NOT_ONE_WORD_STREETS:
            continue
        before = text[max(0, match.start() - 20):match.start()]
        if original[match.start(1)].isupper() or _HOME_CUE.search(before):
            out.append(_found(Kind.ADDRESS, match))
    return out


STREET_WORD_EN = re.compile(r"\b(?:" + _STREET_EN + r")\b")
STREET_WORD_ES = re.compile(r"(?<!\w)" + _STREET_ES_WORD)


def _addresses(text, original, country):
    """The address patterns run only near a street word (120 characters before, 80 after)."""
    out = []
    english = [ADDRESS_EN, ADDRESS_CORNER, ZIP_AFTER_STREET, ADDRESS_ES_NUMBER_BEFORE, UNIT_STREET_EN,
               STREET_UNIT_EN]
    spanish = [ADDRESS_ES, ADDRESS_ES_NUMBER_FIRST, ADDRESS_ES_NUMBER_BEFORE, UNIT_STREET_ES, STREET_UNIT_ES]
    for word, patterns in ((STREET_WORD_EN, english), (STREET_WORD_ES, spanish)):
        for start, end in _ranges_near(word, text, before=120, after=80):
            for pattern in patterns:
                out += [_found(Kind.ADDRESS, m) for m in pattern.finditer(text, start, end)]
                if len(out) >= MAX_PER_KIND:
                    return out
    out += _one_word_streets(text, original)
    postcode = POSTCODES.get(country)
    if country in ("GB", "IM", "JE", "GG"):
        postcode = POSTCODES["GB"]
    if postcode:
        out += [_found(Kind.ADDRESS, m) for m in postcode.finditer(text)
                if _not_a_word_pair(original[m.start():m.end()])]
    return out[:MAX_PER_KIND * 2]


def _ranges_near(pattern, text, *, before, after):
    merged = []
    for match in pattern.finditer(text):
        start, end = max(0, match.start() - before), min(len(text), match.end() + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _not_a_word_pair(found):
    return any(ch.isdigit() for ch in found.split()[-1]) or found.isupper() or " " not in found


# Number plates -----------------------------------------------------------------------------------

_COMMON_TRIPLES = frozenset((  # noqa: SIM905 - 80 words read better as text
    "the and for are but not you all any can her was one our out day get has him his how man new "
    "now old see two way who boy did its let put say she too use ago had off yes yet bus car van "
    "que los las por con una del mas muy sin son hay dia mes año ano pm am est bst gmt utc cpu gpu "
    "tax vat mph kph mpg rpm").split())
PLATES = {
    "GB": [
        re.compile(r"(?<![\w])[a-z]{2}\s?\d{2}\s{0,2}[a-z]{3}(?![\w])"),  # AB12 CDE
        re.compile(r"(?<![\w])[a-z]\d{1,3}\s{0,2}[a-z]{3}(?![\w])"),  # A123 BCD
        re.compile(r"(?<![\w])[a-z]{3}\s{0,2}\d{1,3}[a-z](?![\w])"),  # ABC 123D
    ],
    "US": [
        re.compile(r"(?<![\w-])[a-z]{3}[- ]?\d{3,4}(?![\w-])"),  # ABC-1234, RVT 9082
        re.compile(r"(?<![\w-])\d[a-z]{3}\d{3}(?![\w-])"),  # 7XYZ123 (California)
        re.compile(r"(?<![\w-])\d{3}[- ]?[a-z]{3}(?![\w-])"),  # 123-ABC
        re.compile(r"(?<![\w-])[a-z]{2}\d[- ]?[a-z]\d{3,4}(?![\w-])"),  # AB1-C234
    ],
    "EU": [
        re.compile(r"(?<![\w-])\d{4}[- ]?[bcdfghjklmnprstvwxyz]{3}(?![\w-])"),  # 1234 BCD
        re.compile(r"(?<![\w-])[a-z]{1,2}[- ]\d{4}[- ][a-z]{1,2}(?![\w-])"),  # M-1234-AB
    ],
}
PLATE_CUE = re.compile(
    r"\b(?:plates?|reg(?:istration)?|tag|tags|license|licence|matr[ií]cula|placas?|patente)\b"
    r"(?:\s{1,2}(?:number|no\.?|plate|número|numero))?\s{0,2}(?:is|was|es|era|:|-|#|reads|read|said)?\s{0,3}"
    r"([a-z0-9]{1,4}[- ]?[a-z0-9]{1,4}(?:[- ][a-z0-9]{1,3})?)(?![\w])",
)
PLATE_COUNTRIES = {"GB": ("GB", "EU"), "IE": ("GB", "EU"), "US": ("US",), "CA": ("US",), "MX": ("US",),
                   "AU": ("US",), "NZ": ("US",)}


def _plates(text, original, country):
    out = []
    for group in PLATE_COUNTRIES.get(country, ("EU",)):
        for pattern in PLATES[group]:
            out += [_found(Kind.PLATE, m) for m in itertools.islice(pattern.finditer(text), MAX_PER_KIND * 2)
                    if _plate_shape(original[m.start():m.end()])]
    for match in itertools.islice(PLATE_CUE.finditer(text), MAX_PER_KIND * 2):
        plate = match.group(1)
        if any(ch.isdigit() for ch in plate) and any(ch.isalpha() for ch in plate) and \
                len(re.sub(r"[\W_]", "", plate)) >= 4:
            out.append(_found(Kind.PLATE, match, 1))
    return out


def _plate_shape(found):
    """'was 1500' or 'the 123' is not a plate: lower-case groups that are words do not count, and a
    group of letters written in lower case with a space needs to be upper case."""
    letters = re.findall(r"[a-zA-Z]+", found)
    if any(group.lower() in _COMMON_TRIPLES for group in letters) and not found.isupper():
        return False
    if " " in found and not all(group.isupper() for group in letters):
        return bool(re.search(r"[a-z]\d|\d[a-z]", found, re.IGNORECASE)) and len(letters[0]) != 3
    return True


# Crisis language ---------------------------------------------------------------------------------

_I = r"(?:i|i'm|im|i am|i've|ive|i have|i feel|i'll|ill)"
CRISIS_PATTERNS = [
    (Kind.OVERDOSE, re.compile(
        r"\b(?:(?:is|are|'s|’s|keeps?|started|been)\s{1,2}(?:over\s?dosing|od'?ing)|over\s?dosing\s+(?:right\s+)?now|"
        r"(?:has|have|just|'s|’s|'ve|’ve)\s+(?:just\s+)?(?:over\s?dosed|o\.?d\.?'?e?d)|"
        r"(?:is|'s|’s|are|isn'?t|aren'?t|he|she|they|someone|friend|brother|sister|son|daughter|mum|mom|dad|"
        r"partner|boyfriend|girlfriend|husband|wife|man|woman|guy|girl)\s{1,2}(?:not|barely|hardly|stopped|isn'?t)\s{1,2}breathing|"
        r"barely\s+breathing|stopped\s+breathing|(?:gone|going|turned|turning|is|'s|went)\s+(?:grey|gray|blue)|"
        r"lips\s+(?:are\s+|have\s+gone\s+|turning\s+|went\s+)?(?:blue|purple|grey|gray)|"
        r"(?:is|'s|’s|are|lying|completely|totally|now|still)\s+unresponsive|"
        r"(?:won'?t|can'?t|cannot|doesn'?t)\s+wake\s+(?:him|her|them|up)|can'?t\s+wake\s+(?:him|her|them)|"
        r"overdose\s+(?:right\s+)?now|(?:having|having\s+an?|in\s+the\s+middle\s+of\s+an?)\s+overdose|od(?:ing)?\s+right\s+now|"
        r"need\s+(?:narcan|naloxone)\s+(?:now|asap|right\s+now)|"
        r"(?:se\s+está|está|estan|están)\s+(?:muriendo|ahogando)|no\s+respira|apenas\s+respira|"
        r"dej[óo]\s+de\s+respirar|no\s+reacciona|no\s+responde|no\s+despierta|"
        r"(?:tiene|está\s+teniendo|le\s+(?:está\s+)?dando)\s+una\s+sobredosis|sobredosis\s+(?:ahora|ahorita)|"
        r"(?:se\s+(?:ha\s+)?puesto|se\s+está\s+poniendo|está)\s+(?:gris|morad[oa]|azul)|labios\s+morados)\b")),
    (Kind.SUICIDE, re.compile(
        r"\b(?:suicidal|(?:kill|killing|off)\s+myself|end(?:ing)?\s+my\s+(?:own\s+)?life|take\s+my\s+(?:own\s+)?life|"
        r"(?:i|i\s+just|i\s+really|i\s+only|i\s+still|really|just)\s+(?:want|wanna)\s+(?:to\s+)?die|i\s+wish\s+i\s+(?:was|were)\s+dead|"
        r"(?:want|going|planning|plan)\s+to\s+end\s+it(?:\s+all)?|end(?:ing)?\s+it\s+all|"
        r"better\s+off\s+without\s+me|don'?t\s+want\s+to\s+(?:live|be\s+alive|be\s+here|wake\s+up)"
        r"(?:\s+any\s?more)?|no\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on)|"
        r"can'?t\s+go\s+on(?:\s+any\s?more|\s+like\s+this)?|(?:thinking|thought|think)\s+(?:about|of)\s+suicide|"
        r"(?:my\s+)?suicide\s+note|(?:" + _I + r")\s+(?:going\s+to\s+)?(?:attempt|try)\s+suicide|"
        r"no\s+quiero\s+(?:vivir|seguir\s+viviendo|estar\s+aquí|despertar)|(?:quiero|me\s+quiero)\s+morir(?:me)?|"
        r"me\s+voy\s+a\s+(?:matar|suicidar)|quiero\s+(?:matarme|suicidarme|desaparecer\s+para\s+siempre)|"
        r"quitarme\s+la\s+vida|acabar\s+con\s+todo|(?:estarían|estarian)\s+mejor\s+sin\s+mí|"
        r"pienso\s+en\s+(?:suicidarme|matarme|el\s+suicidio)|estoy\s+pensando\s+en\s+(?:suicidarme|matarme))\b")),
    (Kind.SELF_HARM, re.compile(
        r"\b(?:" + _I + r"\s+(?:been\s+|keep\s+|started\s+|still\s+)?self[- ]?harm(?:ing|ed)?|"
        r"(?:been|keep|started|kept|stop)\s+self[- ]?harming|self[- ]?harms|is\s+self[- ]?harming|"
        r"(?:cutting|cuts|hurting|hurts|burning)\s+(?:herself|himself|themselves|themself)|"
        r"cutting\s+myself|(?:" + _I + r")\s+(?:cut|burn(?:ed|t)?|burned)\s+myself"
        r"(?!\s+(?:a|an|some|on|while|by|shaving|cooking|slicing|chopping|opening|accidentally))|"
        r"(?:hurt|hurting|harm|harming)\s+myself(?:\s+again|\s+on\s+purpose)?|"
        r"(?:cortarme|me\s+corto|me\s+he\s+cortado|hacerme\s+daño|me\s+hago\s+daño|autolesionarme|"
        r"me\s+autolesiono|lastimarme))\b")),
]
# Words just before a match that make it talk about crisis rather than be one: training, news,
# prevention, "someone who says they want to die", "if someone is not breathing".
NOT_NOW_BEFORE = re.compile(
    r"(?:\bif\b|\bwhen\b|\bwhether\b|\bsomeone\s+who\b|\bpeople\s+who\b|\bthose\s+who\b|\banyone\s+who\b|"
    r"\bsays?\s+(?:they|he|she)\b|\bsaying\s+(?:they|he|she)\b|\btraining\b|\bprevention\b|\bawareness\b|"
    r"\bhow\s+to\b|\bsigns?\s+(?:of|that)\b|\bsi\s+(?:alguien|una\s+persona)?\b|\bcuando\b|"
    r"\bpersonas\s+que\b|\bquien(?:es)?\b|\bprevención\b|\bcómo\b|\bsi\s+la\s+persona\b|\bjóvenes\s+que\b|"
    r"\b(?:web|website|site|página|pagina|app|aplicación|sitio|servidor|sistema|server|system|page|"
    r"screen|pantalla|phone|teléfono|computer|ordenador|laptop|game|juego)\b|\blast\s+(?:year|month|week)\b|\bin\s+(?:19|20)\d\d\b|\byears?\s+ago\b|\bmovie\b|\bfilm\b|\bsong\b|\bbook\b)"
    r"[^.!?\n]{0,60}$",
)
NOT_NOW_AFTER = re.compile(
    r"^[^.!?\n]{0,30}?\b(?:last\s+(?:year|month|week)|years?\s+ago|in\s+(?:19|20)\d\d|"
    r"el\s+año\s+pasado|hace\s+(?:años|meses))\b",
)
# I'm not suicidal / he isn't overdosing
NEGATED = re.compile(r"\b(?:not|never|no\s+longer|isn'?t|aren'?t|wasn'?t|nunca|no)\s{1,2}(?:\w+\s{1,2})?$")


# Every crisis match holds one of these; the patterns run only near them, so a long post without
# them costs one substring search per word.
CRISIS_KEYWORDS = {
    Kind.OVERDOSE: ("overdos", "over dos", "od'", "o.d", "oded", "oding", "od right", "breath", "grey",
                    "gray", "blue", "purple", "unresponsive", "wake", "narcan", "naloxone", "murie", "ahoga",
                    "respira", "reacciona", "responde", "despierta", "sobredosis", "gris", "morad", "azul"),
    Kind.SUICIDE: ("suicid", "quiero", "vivi", "pienso", "pensando", "myself", "my life", "my own life",
                   "die", "dead", "end it", "ending it", "without me", "want to", "reason", "point",
                   "go on", "vivir", "morir", "matar",
                   "la vida", "con todo", "sin mí", "estar aquí", "despertar"),
    Kind.SELF_HARM: ("harm", "myself", "cortarme", "me corto", "cortado", "daño", "autolesion",
                     "lastimarme"),
}
WINDOW = 120  # characters either side of a keyword: longer than any crisis pattern's match


def _near_keywords(lower, keywords):
    """Merged (start, end) ranges around every occurrence of the keywords in `lower`."""
    spans = []
    for keyword in keywords:
        at = lower.find(keyword)
        while at != -1 and len(spans) < 5_000:
            spans.append((max(0, at - WINDOW), at + len(keyword) + WINDOW))
            at = lower.find(keyword, at + len(keyword))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _crisis_candidates(text):
    out = []
    lower = text.lower()
    for kind, pattern in CRISIS_PATTERNS:
        matches = itertools.islice((m for start, end in _near_keywords(lower, CRISIS_KEYWORDS[kind])
                                    for m in pattern.finditer(text, start, min(end, len(text)))),
                                   MAX_PER_KIND * 10)
        for match in matches:
            before = text[max(0, match.start() - 80):match.start()]
            after = text[match.end():match.end() + 40]
            if NOT_NOW_BEFORE.search(before) or NOT_NOW_AFTER.search(after):
                continue
            if NEGATED.search(before[-20:]) and not match.group(0).lower().startswith(("not", "no ")):
                continue
            out.append(_found(kind, match))
    return out


def inspect(source, *, country="GB", service_numbers=(), markdown=True):
    """Findings in `source` as readers will see it (Markdown rendered when `markdown`)."""
    return scan(readable(source, markdown=markdown), country=country, service_numbers=service_numbers)
