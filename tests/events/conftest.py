"""Fixtures of the events tests: an organising partner and one person of each role."""

import pytest

from portal.accounts.roles import Role
from tests.factories import PartnerFactory, staff_user


@pytest.fixture
def organiser():
    return PartnerFactory(name="Organising Trust")


@pytest.fixture
def people(organiser, resident, moderator, editor, administrator):
    return {
        "visitor": None,
        "resident": resident,
        "moderator": moderator,
        "organising liaison": staff_user(Role.LIAISON, partner=organiser),
        "other liaison": staff_user(Role.LIAISON, partner=PartnerFactory(name="Other Org")),
        "editor": editor,
        "administrator": administrator,
    }
