"""Wagtail's user admin with the portal's own fields."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .roles import Role

PORTAL_FIELDS = ["display_name", "neighbourhood", "partner"]


class OptionalNamesMixin:
    """The portal uses display names; legal names are optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or []
        if any(group.name == Role.LIAISON for group in groups) and not cleaned.get("partner"):
            self.add_error("partner", "A liaison must belong to a partner organisation.")
        return cleaned


class PortalUserCreationForm(OptionalNamesMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PORTAL_FIELDS)


class PortalUserEditForm(OptionalNamesMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PORTAL_FIELDS)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
