"""Display names that cannot pass for someone else.

A name is normalised (NFKC: full-width and styled letters become plain ones) and refused when it
holds invisible characters (format and bidi controls such as zero-width spaces or a right-to-left
override), is blank without them, or looks like a name already taken, a partner organisation, a
role the site shows ("Moderator", "Official response", "Former member") or the anonymous author
line ("A resident of …").

"Looks like" is Unicode TR39's skeleton: each character replaced by the prototype it can be
confused with (Cyrillic "о" -> Latin "o", "rn" <- "m", "I" -> "l"), from the confusables table
that the `confusable-homoglyphs` package ships (confusables.json, built from Unicode's
confusables.txt), taken after case folding (so names differing in case clash, and a capital "I"
is not told from "l": "Ian" and "lan" do not clash), with spaces and punctuation dropped.
"""

import functools
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}  # controls, format (bidi, zero-width), …
RESERVED = ["Moderator", "Moderators", "Official", "Official response", "Administrator", "Admin",
            "Liaison", "Former member", "A resident", "Common Ground"]
# Words that no display name may contain, however spelled: they are how the site marks staff,
# official answers, closed accounts and anonymous residents.
RESERVED_PARTS = ["moderator", "official", "former member", "resident of"]


@functools.cache
def _prototypes():
    """Each confusable character -> its class's one representative."""
    from confusable_homoglyphs.confusables import confusables_data

    def clean(text):
        return text.replace("\u200e", "").replace("\u200f", "")

    table = {}
    for char, entries in confusables_data.items():
        targets = [clean(entry["c"]) for entry in entries]
        if len(targets) != 1:
            continue  # a prototype (many characters look like it): it stands for itself
        target = targets[0]
        back = [clean(entry["c"]) for entry in confusables_data.get(target, [])]
        # A pair that only look like each other: both go to the same one of the two.
        table[char] = min(char, target) if back == [char] else target
    return table


def skeleton(text):
    """The TR39 skeleton of `text` after NFKC and case folding (so "JO SMITH" and "Jo Smith" share
    it), without spaces or punctuation."""
    table = _prototypes()
    value = unicodedata.normalize("NFKC", text or "").casefold()
    for _round in range(2):  # a prototype may itself decompose into confusable parts
        value = unicodedata.normalize(
            "NFD", "".join(table.get(char, char) for char in unicodedata.normalize("NFD", value))
        ).casefold()  # "0" becomes "O": fold again, so it meets the "o" people type
    return "".join(char for char in value if unicodedata.category(char)[0] in "LN")


def normalise(value):
    return " ".join(unicodedata.normalize("NFKC", value or "").split())


def check_display_name(value, *, exclude_pk=None):
    """The display name to store for `value`, or ValidationError saying what is wrong."""
    name = normalise(value)
    visible = "".join(char for char in name if unicodedata.category(char) not in INVISIBLE_CATEGORIES)
    if not visible.strip():
        raise ValidationError(_("Your display name needs letters or numbers that people can see."))
    if visible != name:
        raise ValidationError(_("Your display name has invisible characters (such as zero-width "
                                "spaces or text-direction marks). Please type it again without them."))
    key = skeleton(name)
    if not key:
        raise ValidationError(_("Your display name needs letters or numbers that people can see."))
    if _looks_reserved(key):
        raise ValidationError(_("That name looks like the way the site marks staff, official "
                                "answers or anonymous residents. Please choose another."))
    if _looks_like_partner(key):
        raise ValidationError(_("That name looks like a partner organisation's. Please choose another."))
    if _looks_taken(name, key, exclude_pk):
        raise ValidationError(_("That display name is taken, or looks too much like one that is. "
                                "Please choose another."))
    return name


def _looks_reserved(key):
    return (key in {skeleton(word) for word in RESERVED}
            or key.startswith(skeleton("A resident"))
            or any(skeleton(part) in key for part in RESERVED_PARTS))


def _looks_like_partner(key):
    from portal.partners.models import Partner

    return any(skeleton(name) in key for name in Partner.objects.values_list("name", flat=True))


def _looks_taken(name, key, exclude_pk):
    from .models import User

    others = User.objects.filter(Q(name_key=key) | Q(display_name__iexact=name), is_anonymised=False)
    return others.exclude(pk=exclude_pk).exists()
