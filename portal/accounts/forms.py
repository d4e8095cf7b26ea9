from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password

from portal.taxonomy.models import Neighbourhood

from . import mfa, names
from .models import User
from .roles import Role

# Checks that apps above this layer add (forums.moderation: no phone number, address or handle in a
# name everyone sees). Each raises ValidationError.
DISPLAY_NAME_CHECKS = []


def validate_display_name(value, exclude_pk=None):
    """The name to store, normalised; refuses look-alikes and what the checks above refuse."""
    value = validate_display_name_free(value, exclude_pk=exclude_pk)
    for check in DISPLAY_NAME_CHECKS:
        check(value)
    return value


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
        return validate_display_name(self.cleaned_data["display_name"])

    def try_save(self, request):
        """A sign-up with a registered address does the work a new account does (hashing the
        password is most of it), so the time taken does not tell which addresses have accounts."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "neighbourhood", "preferred_language"]

    def clean_display_name(self):
        return validate_display_name(self.cleaned_data["display_name"], exclude_pk=self.instance.pk)


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


class StaffInvitationForm(forms.Form):
    """An administrator's invitation: whom, to which role, and for liaisons which partner."""

    email = forms.EmailField(help_text="The address the invitation link is sent to.")
    role = forms.ChoiceField(choices=[])
    partner = forms.ModelChoiceField(queryset=None, required=False,
                                     help_text="Required for liaisons.")

    def __init__(self, *args, roles, **kwargs):
        from portal.partners.models import Partner

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["partner"].queryset = Partner.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.LIAISON and not cleaned.get("partner"):
            self.add_error("partner", "A liaison must belong to a partner organisation.")
        return cleaned


class AcceptInvitationForm(forms.Form):
    """The invited person's one form: display name, password, and the code from the
    authenticator app they just added."""

    display_name = forms.CharField(
        max_length=40, min_length=3,
        help_text="Shown next to what you write as staff, with your role.")
    password1 = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label="Password (again)", strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))
    code = forms.CharField(
        label="Authenticator code", max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="Scan the QR code (or type the secret) into your authenticator app, then enter "
                  "the code it shows.")

    def __init__(self, *args, email, totp_secret, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.totp_secret = totp_secret

    def clean_display_name(self):
        return validate_display_name(self.cleaned_data["display_name"])

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not mfa.totp_code_is_valid(self.totp_secret, code):
            raise forms.ValidationError("That code is not correct. Enter the code your app shows "
                                        "now; it changes every 30 seconds.")
        return code

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password1 != password2:
            self.add_error("password2", "The two passwords differ.")
        elif password1:
            try:
                validate_password(password1, User(email=self.email,
                                                  display_name=cleaned.get("display_name", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label="Your email address",
                             help_text="The address you joined with.")
