"""The portal's roles. Each is a Django group; staff roles need two-factor authentication."""

from django.db import models


class Role(models.TextChoices):
    RESIDENT = "Residents", "Resident"
    MODERATOR = "Moderators", "Moderator"
    LIAISON = "Liaisons", "Liaison"
    EDITOR = "Editors", "Editor"
    ADMINISTRATOR = "Administrators", "Administrator"


STAFF_ROLES = frozenset({Role.MODERATOR, Role.LIAISON, Role.EDITOR, Role.ADMINISTRATOR})
# Roles an administrator may grant and revoke; Administrator and superuser are for superusers.
MANAGED_BY_ADMINISTRATORS = frozenset({Role.RESIDENT, Role.MODERATOR, Role.LIAISON, Role.EDITOR})
