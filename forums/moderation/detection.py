"""Finding personal data and crisis language in a post. Pure functions, no database.

What it catches
- Phone numbers, UK style: mobiles and landlines written 07700 900123, 07700900123,
  0161 496 0000, (0161) 496-0000, +44 7700 900123, 0044 20 7946 0000; ten or eleven digits
  after the leading 0 or +44, with spaces, dashes or brackets between groups.
- Email addresses: name@domain.tld, including dots, plus signs and sub-domains.
- Street addresses with a house number: "12 Acacia Avenue", "14b Mill Lane", "Flat 3, 21 High
  Street", "no. 7 Station Rd": a number (optionally with a letter) followed by up to three
  capitalised words and a street word (Street, St, Road, Rd, Avenue, Lane, Close, Drive, Way,
  Court, Crescent, Terrace, Place, Gardens, Grove, Row, Walk, Square, Mews, Hill, Parade, View).
- Vehicle plates: the current UK format "AB12 CDE" / "ab12cde" (any case) and the older prefix
  format "A123 BCD" (capitals only).
- Crisis language: an overdose happening now ("he's overdosing", "has overdosed", "not
  breathing"), suicide ("suicidal", "kill myself", "end my life", "want to die", "suicide" but
  not "suicide prevention"), self-harm ("self-harm", "cutting myself", "hurt myself").

What it misses (a moderator and the flag button are the safety net)
- Phone numbers written in words, split over lines, with unusual grouping such as 0 7 7 0 0…,
  or foreign numbers without +44; short numbers such as 999, 111 and 101 are deliberately
  not caught.
- Obfuscated emails ("name at domain dot com").
- Addresses without a house number ("the flat above the Co-op on Mill Lane"), house names,
  lower-case street names, postcodes on their own, and numbers written in words.
- Northern Irish, personalised and foreign plates, and plates typed with the wrong spacing
  such as "AB 12CDE".
- Crisis language said indirectly ("I can't go on", "saying goodbye to everyone"), and third
  person suicide risk that does not use the words above. It over-catches some news-like text
  ("a man overdosed last year"): the cost is a moderator's glance and a help panel shown.
"""

import re
from dataclasses import dataclass


class Kind:
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    PLATE = "plate"
    OVERDOSE = "overdose"
    SUICIDE = "suicide"
    SELF_HARM = "self-harm"


PERSONAL_KINDS = (Kind.PHONE, Kind.EMAIL, Kind.ADDRESS, Kind.PLATE)
CRISIS_KINDS = (Kind.OVERDOSE, Kind.SUICIDE, Kind.SELF_HARM)

LABELS = {
    Kind.PHONE: "a phone number",
    Kind.EMAIL: "an email address",
    Kind.ADDRESS: "a street address",
    Kind.PLATE: "a vehicle number plate",
    Kind.OVERDOSE: "an overdose happening now",
    Kind.SUICIDE: "suicide",
    Kind.SELF_HARM: "self-harm",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self):
        return LABELS[self.kind]


STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Court|Ct|Crescent|Cres|Terrace|"
    "Place|Pl|Gardens|Gdns|Grove|Row|Walk|Square|Sq|Mews|Hill|Parade|View"
)

PERSONAL_PATTERNS = [
    (Kind.EMAIL, re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)),
    (Kind.PHONE, re.compile(
        r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)"  # +44, 0044 or a leading 0
        r"(?:\d[\s\-)]{0,2}){9,10}(?!\d)"
    )),
    (Kind.ADDRESS, re.compile(
        r"\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:" + STREET_WORDS + r")\b\.?"
    )),
    (Kind.PLATE, re.compile(r"\b[A-Za-z]{2}[0-9]{2}\s?[A-Za-z]{3}\b")),
    (Kind.PLATE, re.compile(r"\b[A-Z][0-9]{1,3}\s?[A-Z]{3}\b")),
]

CRISIS_PATTERNS = [
    (Kind.OVERDOSE, re.compile(
        r"\b(?:overdosing|(?:has|have|just|'s|’s|is|are)\s+(?:just\s+)?o(?:verdosed|d'?d)|"
        r"not breathing|overdose\s+(?:right\s+)?now|od(?:ing)? right now)\b",
        re.IGNORECASE)),
    (Kind.SUICIDE, re.compile(
        r"\b(?:suicidal|kill(?:ing)? myself|end(?:ing)? my (?:own )?life|take my (?:own )?life|"
        r"want(?:ed)? to die|don'?t want to (?:live|be here) any ?more|"
        r"suicide(?!\s+(?:prevention|awareness|helpline|line)))\b",
        re.IGNORECASE)),
    (Kind.SELF_HARM, re.compile(
        r"\b(?:self[- ]?harm(?:ing)?|cut(?:ting)? myself|hurt(?:ing)? myself|harm(?:ing)? myself)\b",
        re.IGNORECASE)),
]


def find_personal_data(text):
    """Email addresses, phone numbers, street addresses and plates in `text`, in that order."""
    return _find(PERSONAL_PATTERNS, text or "")


def find_crisis(text):
    """Crisis language in `text`: an overdose now, suicide or self-harm."""
    return _find(CRISIS_PATTERNS, text or "")


def _find(patterns, text):
    findings, taken = [], []
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            span = match.span()
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue  # an email's digits are not also a phone number
            taken.append(span)
            findings.append(Finding(kind, match.group(0).strip()))
    return findings


def describe(findings):
    """"a phone number and an email address" for a list of findings (each kind once)."""
    labels = list(dict.fromkeys(f.label for f in findings))
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]
