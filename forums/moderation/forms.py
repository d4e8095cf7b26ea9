"""Forms: the honeypot every posting form carries, flagging, and moderators' action forms."""

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import FlagReason, TrustLevel

HONEYPOT_FIELD = "website"
HONEYPOT_ERROR = gettext_lazy("Your post could not be sent. Please try again.")


class HoneypotInput(forms.TextInput):
    """A text box people never see (rendered with the hidden fields, visually hidden, out of
    the tab order and hidden from screen readers) that simple spam bots fill in."""

    is_hidden = True

    def __init__(self):
        super().__init__(attrs={"class": "visually-hidden", "tabindex": "-1",
                                "autocomplete": "off", "aria-hidden": "true"})


class HoneypotMixin(forms.Form):
    website = forms.CharField(required=False, widget=HoneypotInput(), label=gettext_lazy("Leave this empty"))

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(HONEYPOT_ERROR)
        return ""

    def add_error(self, field, error):
        # The honeypot's error shows at the top of the form: its own field is invisible.
        super().add_error(None if field == HONEYPOT_FIELD else field, error)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=FlagReason.choices, widget=forms.RadioSelect,
                               label=gettext_lazy("What is wrong with this post?"),
                               error_messages={
                                   "required": gettext_lazy("Choose what is wrong with this post.")})
    note = forms.CharField(required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                           label=gettext_lazy("Anything the moderators should know (optional)"),
                           help_text=gettext_lazy("Needed if you chose “Something else”."))

    def clean(self):
        data = super().clean()
        if data.get("reason") == FlagReason.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", _("Tell us in a few words what is wrong."))
        return data

    def full_clean(self):
        super().full_clean()
        # Focus goes to the first field in error; the template does it for the reasons.
        if "note" in self.errors and "reason" not in self.errors:
            self.fields["note"].widget.attrs["autofocus"] = True


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False, label=gettext_lazy("Reason"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class RedactForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label=gettext_lazy("Text to publish"),
                           help_text=gettext_lazy("Edit out the part that must go; the original is kept."))
    reason = forms.CharField(max_length=300, label=gettext_lazy("Reason"))


class RetitleForm(forms.Form):
    title = forms.CharField(max_length=150, label=gettext_lazy("Thread title"),
                            help_text=gettext_lazy(
                                "The thread's address follows it; the old address stops working."))
    reason = forms.CharField(max_length=300, label=gettext_lazy("Reason"))


class MoveForm(forms.Form):
    board = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Move to board"))
    reason = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from forums.models import BoardPage

        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = BoardPage.objects.live().order_by("title")


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(choices=[("silenced", gettext_lazy("Silence (can read, cannot post)")),
                                      ("suspended", gettext_lazy("Suspend (cannot sign in)"))])
    days = forms.IntegerField(min_value=1, max_value=3650, initial=7, required=False,
                              label=gettext_lazy("For how many days"))
    no_end = forms.BooleanField(required=False,
                                label=gettext_lazy("No end date (until a moderator lifts it)"))
    reason = forms.CharField(max_length=300, label=gettext_lazy("Reason (the person sees this)"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           label=gettext_lazy("Staff-only note"))

    def clean(self):
        data = super().clean()
        if not data.get("no_end") and not data.get("days") and "days" not in self.errors:
            self.add_error("days", gettext_lazy("Choose for how many days, or “No end date”."))
        return data


class TrustLevelForm(forms.Form):
    level = forms.TypedChoiceField(choices=TrustLevel.choices, coerce=int, label=gettext_lazy("Trust level"))


class MessageForm(forms.Form):
    body = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 12}),
                           label=_("Message"),
                           help_text=_("Only this resident sees it: on the site and by email."))
