from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password

from portal.taxonomy.models import Neighbourhood

from . import names
from .models import User


def validate_display_name_free(value, exclude_pk=None):
    """The name to store, normalised; refuses look-alikes of staff, partners and taken names."""
    return names.check_display_name(value, exclude_pk=exclude_pk)


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        max_length=40,
        min_length=3,
        help_text="Shown next to what you write. It does not need to be your real name.",
    )
    neighbourhood = forms.ModelChoiceField(
        queryset=Neighbourhood.objects.all(),
        required=False,
        empty_label="Prefer not to say",
        help_text="Optional. Used when you post anonymously (“A resident of …”).",
    )
    field_order = ["email", "display_name", "neighbourhood", "password1", "password2"]

    def clean_display_name(self):
        return validate_display_name_free(self.cleaned_data["display_name"])

    def try_save(self, request):
        """A sign-up with a registered address does the work a new account does (hashing the
        password is most of it), so the time taken does not tell which addresses have accounts."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "neighbourhood"]

    def clean_display_name(self):
        return validate_display_name_free(self.cleaned_data["display_name"],
                                          exclude_pk=self.instance.pk)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Enter your password to confirm.",
    )
    confirm = forms.BooleanField(
        label="I understand that my account will be closed and what I wrote will be anonymised."
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not correct.")
        return password
