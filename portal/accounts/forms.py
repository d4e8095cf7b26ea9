from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from portal.taxonomy.models import Neighbourhood

from .models import User


def validate_display_name_free(value, exclude_pk=None):
    taken = User.objects.filter(display_name__iexact=value).exclude(pk=exclude_pk).exists()
    if taken:
        raise forms.ValidationError("That display name is taken. Please choose another.")


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
        value = self.cleaned_data["display_name"].strip()
        validate_display_name_free(value)
        return value


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "neighbourhood"]

    def clean_display_name(self):
        value = self.cleaned_data["display_name"].strip()
        validate_display_name_free(value, exclude_pk=self.instance.pk)
        return value


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


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label="Your email address",
                             help_text="The address you joined with.")
