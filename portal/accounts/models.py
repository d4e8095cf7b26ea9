from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from portal import languages

from . import names
from .roles import STAFF_ROLES, Role

FORMER_MEMBER = "Former member"


class UserManager(DjangoUserManager):
    """Accounts are identified by email; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        email = self.normalize_email(email)
        extra_fields.setdefault("display_name", email.split("@")[0])
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The public only ever sees `display_name`."""

    username = None
    email = models.EmailField(gettext_lazy("email address"), unique=True)
    display_name = models.CharField(
        max_length=40,
        help_text=gettext_lazy("Shown next to what you write. Do not use your real name if you prefer not "
                               "to."), verbose_name=gettext_lazy("display name"),
    )
    neighbourhood = models.ForeignKey(
        "taxonomy.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
        help_text=gettext_lazy("Optional. Used when you post anonymously: “A resident of …”."),
        verbose_name=gettext_lazy("neighbourhood"),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text=gettext_lazy("Liaisons belong to exactly one partner organisation."),
        verbose_name=gettext_lazy("partner"),
    )
    preferred_language = models.CharField(
        _("language"), max_length=10, blank=True, choices=languages.choices,
        help_text=_("The language of the emails the portal sends you. Empty: the site's."),
    )
    is_anonymised = models.BooleanField(default=False, editable=False)
    name_key = models.CharField(
        max_length=200, blank=True, editable=False, db_index=True,
        help_text=gettext_lazy("The display name's confusable skeleton (names.py): look-alike names share "
                               "it."))

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        constraints = [
            # Closed accounts are all "Former member" (FORMER_MEMBER): no number that would link
            # one closed account's posts together or give away its database id.
            models.UniqueConstraint(Lower("display_name"), condition=Q(is_anonymised=False),
                                    name="unique_display_name_ci"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.name_key = names.skeleton(self.display_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.is_anonymised:
            return
        try:
            self.display_name = names.check_display_name(self.display_name, exclude_pk=self.pk)
        except ValidationError as error:
            raise ValidationError({"display_name": error.messages}) from None

    @property
    def role_names(self):
        if not hasattr(self, "_role_names"):
            self._role_names = frozenset(self.groups.values_list("name", flat=True))
        return self._role_names

    def get_full_name(self):
        """What Wagtail shows for an account (site history, page owners, locks): the display name,
        never the email address it falls back to without a first and last name."""
        return super().get_full_name().strip() or self.display_name

    @property
    def has_staff_powers(self):
        """False while this request's session has not passed the second factor (set by
        StaffSecurityMiddleware): a staff account then acts as a resident everywhere."""
        return not getattr(self, "_second_factor_pending", False)

    @property
    def is_acting_superuser(self):
        return self.is_superuser and self.is_active and self.has_staff_powers

    def has_role(self, role):
        if role in STAFF_ROLES and not self.has_staff_powers:
            return False
        return self.is_active and (role in self.role_names)

    def has_perm(self, perm, obj=None):
        return self.has_staff_powers and super().has_perm(perm, obj)

    def has_perms(self, perm_list, obj=None):
        return self.has_staff_powers and super().has_perms(perm_list, obj)

    def has_module_perms(self, app_label):
        return self.has_staff_powers and super().has_module_perms(app_label)

    @property
    def is_staff_member(self):
        """Moderators, liaisons, editors, administrators and superusers: they must use 2FA."""
        return self.is_superuser or bool(self.role_names & STAFF_ROLES)

    @property
    def is_liaison(self):
        return self.has_role(Role.LIAISON) and self.partner_id is not None

    @property
    def is_moderator(self):
        return self.is_acting_superuser or self.has_role(Role.MODERATOR)


class StaffInvitation(models.Model):
    """An administrator invites a person to a staff role by email; following the link once,
    within `VALID_FOR`, they choose a display name and password and set up TOTP in one form.
    Only a hash of the link's token is stored."""

    VALID_FOR_DAYS = 7

    email = models.EmailField(verbose_name=gettext_lazy("email"))
    role = models.CharField(max_length=20, choices=Role.choices, verbose_name=gettext_lazy("role"))
    partner = models.ForeignKey("partners.Partner", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+",
                                verbose_name=gettext_lazy("partner"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=gettext_lazy("invited by"))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(verbose_name=gettext_lazy("expires at"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("accepted at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("revoked at"))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation of {self.email} as {self.get_role_display()}"

    def is_open(self, now):
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at
