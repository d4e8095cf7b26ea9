"""Forms on a concern's page. Rules live in actions and permissions; these only parse input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.partners.models import Partner

from .models import AnswerKind, CloseReason, Satisfaction

REASON_HELP = _("Shown on the public timeline. Never include names or addresses.")


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=AnswerKind.choices,
                             widget=forms.RadioSelect, initial=AnswerKind.INFORMATION)
    body = forms.CharField(label=_("Official answer (public)"), widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Markdown works. Signed by your organisation."))
    reason = forms.CharField(label=_("Reason (needed for “not actionable”)"), required=False,
                             max_length=300, help_text=REASON_HELP)
    refer_to = forms.ModelChoiceField(
        label=_("Refer to (for “referred to another partner”)"), required=False,
        queryset=Partner.objects.filter(is_active=True).order_by("name"),
        help_text=_("The partner is added to this concern and its liaisons are emailed."))
    sign_name = forms.BooleanField(label=_("Also show my display name"), required=False)


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=5000,
                           help_text=_("Only your organisation and moderators see it, unless "
                                       "you share it with the other routed partners."))
    share = forms.BooleanField(label=_("Share with the other routed partners"), required=False,
                               help_text=_("Otherwise only your organisation and moderators see it."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=300,
                             help_text=REASON_HELP)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why close it?"), choices=CloseReason.choices)
    note = forms.CharField(label=_("Explanation (optional)"), required=False, max_length=300,
                           help_text=REASON_HELP)

    def __init__(self, *args, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reasons is not None:
            self.fields["reason"].choices = [c for c in CloseReason.choices if c[0] in reasons]


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to a colleague"), queryset=User.objects.none())

    def __init__(self, *args, partner_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            partner_id=partner_id, is_active=True, groups__name=Role.LIAISON).order_by("display_name")


class RerouteForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("Send to"), queryset=Partner.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Reason"), max_length=300, help_text=REASON_HELP)


class SatisfactionForm(forms.Form):
    answer = forms.ChoiceField(label=_("Was your concern addressed?"), choices=Satisfaction.choices,
                               widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Anything to add? (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Counted in the public figures; the comment is not published."))
