"""The deployment's country (the PORTAL_COUNTRY setting, ISO 3166-1 alpha-2).

It decides which phone numbers, number plates and address forms the moderation detector looks
for (forums/moderation/detection.py), the emergency numbers the crisis banner, the crisis help
panel and the crisis message name unless an editor sets them in Site settings, and the default
date and number formats. Any code phonenumbers knows as a region is accepted; countries without
an entry below get 112 (the number that works from any mobile phone in most of the world).
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Emergency:
    number: str  # police, ambulance, fire
    crisis_line: str = ""  # a national suicide and crisis line, where there is one short number


EMERGENCY = {
    "GB": Emergency("999"),
    "US": Emergency("911", "988"),
    "CA": Emergency("911", "988"),
    "AU": Emergency("000"),
    "NZ": Emergency("111"),
    "IE": Emergency("112"),
    "ES": Emergency("112", "024"),
    "MX": Emergency("911"),
}
DEFAULT_EMERGENCY = Emergency("112")

# Django's format localisation follows the language; English-speaking countries with their own
# formats get theirs, everyone else British English until the interface is translated.
LANGUAGE_BY_COUNTRY = {"US": "en-us", "CA": "en-ca", "AU": "en-au", "IE": "en-ie", "NZ": "en-nz"}


def is_known(code):
    import phonenumbers

    return code in phonenumbers.SUPPORTED_REGIONS


def code():
    return settings.PORTAL_COUNTRY


def default_language(country_code):
    return LANGUAGE_BY_COUNTRY.get(country_code, "en-gb")


def emergency(site_settings=None):
    """The emergency numbers: the site settings' own where an editor set them, else the country's."""
    default = EMERGENCY.get(code(), DEFAULT_EMERGENCY)
    if site_settings is None:
        return default
    return Emergency(
        number=(getattr(site_settings, "emergency_number", "") or "").strip() or default.number,
        crisis_line=(getattr(site_settings, "crisis_line_number", "") or "").strip() or default.crisis_line,
    )


def call_text(site_settings=None):
    """'call 911 (or 988 to talk to a crisis counsellor)' for the crisis texts."""
    numbers = emergency(site_settings)
    text = f"call {numbers.number}"
    if numbers.crisis_line:
        text += f" (or {numbers.crisis_line} for the crisis line)"
    return text
