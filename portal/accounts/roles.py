"""The portal's roles. Each is a Django group; staff roles need two-factor authentication."""

from django.db import models
from django.utils.translation import gettext_lazy


class Role(models.TextChoices):
    RESIDENT = "Residents", gettext_lazy("Resident")
    MODERATOR = "Moderators", gettext_lazy("Moderator")
    LIAISON = "Liaisons", gettext_lazy("Liaison")
    EDITOR = "Editors", gettext_lazy("Editor")
    ADMINISTRATOR = "Administrators", gettext_lazy("Administrator")


STAFF_ROLES = frozenset({Role.MODERATOR, Role.LIAISON, Role.EDITOR, Role.ADMINISTRATOR})
# Roles an administrator may grant and revoke; Administrator and superuser are for superusers.
MANAGED_BY_ADMINISTRATORS = frozenset({Role.RESIDENT, Role.MODERATOR, Role.LIAISON, Role.EDITOR})
