"""Every choice label of the portal's models is translated (issue 19): staff read them in the
admin's listings, filters and forms, residents in their forms. A label added without gettext, or
without its Spanish in locale/es, fails here."""

import importlib

import pytest
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from forums.moderation.models import ReviewReason, ReviewStatus, WordAction
from portal.accounts.roles import Role
from portal.models import OutboxEmail

MODULES = ["portal.models", "portal.accounts.roles", "portal.accounts.models", "portal.partners.models",
           "portal.taxonomy.models", "forums.models", "forums.concerns.models", "forums.moderation.models",
           "stories.models", "events.models", "search.models", "transparency.models"]
# Labels that are the same word in Spanish.
SAME_IN_SPANISH = {"Editor", "No", "Spam", "Video", "Visible"}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def portal_choices():
    for name in MODULES:
        importlib.import_module(name)
    prefixes = tuple(name.split(".")[0] + "." for name in MODULES)
    return sorted({cls for cls in _subclasses(models.Choices) if cls.__module__.startswith(prefixes)},
                  key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_the_portal_has_choices_to_check():
    found = {cls.__qualname__ for cls in portal_choices()}
    assert {"Role", "ReviewReason", "ReviewStatus", "WordAction"} <= found


@pytest.mark.parametrize("choices", portal_choices(), ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_every_choice_label_is_translatable_and_has_its_spanish(choices):
    for member in choices:
        label = member.label
        assert isinstance(label, Promise), f"{choices.__qualname__}.{member.name}: not in gettext_lazy"
        english = str(label)
        with translation.override("es"):
            spanish = str(label)
        assert spanish != english or english in SAME_IN_SPANISH, \
            f"{choices.__qualname__}.{member.name}: no Spanish for {english!r}"


def test_labels_read_in_spanish():
    with translation.override("es"):
        assert str(Role.LIAISON.label) == "Enlace"
        assert str(Role.RESIDENT.label) == "Vecino"
        assert str(ReviewReason.CRISIS.label) == "Lenguaje de crisis"
        assert str(ReviewStatus.FOLLOWED_UP.label) == "Se mantuvo (se hizo seguimiento de la crisis)"
        assert str(WordAction.HOLD.label) == "Retener para revisión"
        assert str(OutboxEmail.Status.CANCELLED.label) == "Abandonado"
    assert str(Role.LIAISON.label) == "Liaison"
