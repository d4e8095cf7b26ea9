"""Wagtail's user admin with the portal's own fields."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

PORTAL_FIELDS = ["display_name", "neighbourhood", "partner"]


class PortalUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PORTAL_FIELDS)


class PortalUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PORTAL_FIELDS)

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or []
        if any(group.name == "Liaisons" for group in groups) and not cleaned.get("partner"):
            raise forms.ValidationError("A liaison must belong to a partner organisation.")
        return cleaned


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
