"""Forms for posting. Validation rules live in threads.py (clean_title, clean_body); the forms call
them so a user sees the same message the action would raise."""

import secrets

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.taxonomy.models import Landmark, Neighbourhood, Topic

from . import threads
from .models import ThreadKind
from .moderation.forms import HoneypotMixin

BODY_HELP = ("Markdown works: *italic*, **bold**, > quote, - list, [link](https://…). "
             "Do not share anyone's name, address or phone number.")


def new_token():
    return secrets.token_urlsafe(24)


class OneTimeTokenForm(forms.Form):
    """A hidden token, fresh for each form shown: sending it twice makes one post."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", new_token())


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("help_text", BODY_HELP)
        super().__init__(strip=False, max_length=None, **kwargs)

    def validate(self, value):
        pass  # clean_body says what is wrong, including when it is empty

    def clean(self, value):
        return threads.clean_body(super().clean(value))


class ReplyForm(HoneypotMixin, OneTimeTokenForm):
    body = BodyField(label="Your reply", required=False)
    anonymous = forms.BooleanField(label="Post anonymously", required=False)

    def __init__(self, *args, allow_anonymous=False, area="", staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_anonymous_message = (threads.STAFF_NOT_ANONYMOUS if staff else
                                          "This board does not allow anonymous posts.")
        if allow_anonymous:
            self.fields["anonymous"].help_text = (
                f"Shown as “A resident of {area}”." if area else
                "Shown as “A resident” (add your neighbourhood to your profile to show it)."
            )
        else:
            del self.fields["anonymous"]

    def clean(self):
        cleaned = super().clean()
        if "anonymous" not in self.fields and self.data.get("anonymous") not in (None, "", "false"):
            # A form sent with the box ticked although it was not offered (an old page, or made
            # by hand): say so rather than post under the author's name unasked.
            raise forms.ValidationError(self.refused_anonymous_message)
        return cleaned


class ThreadForm(ReplyForm):
    title = forms.CharField(label="Title", required=False, strip=True,
                            help_text=f"{threads.TITLE_MIN} to {threads.TITLE_MAX} characters.",
                            widget=forms.TextInput(attrs={"maxlength": threads.TITLE_MAX}))
    topic = forms.ModelChoiceField(queryset=Topic.objects.none(), required=False,
                                   empty_label="Choose a topic (optional)")
    neighbourhood = forms.ModelChoiceField(queryset=Neighbourhood.objects.all(), required=False,
                                           empty_label="Anywhere / not about one area")

    share_contact = forms.BooleanField(
        label="Share my contact details with the responding partners", required=False,
        help_text="For this concern only: the partners it is sent to see your email address. "
                  "Never shown in public.")

    landmark = forms.ModelChoiceField(
        queryset=Landmark.objects.none(), required=False, label="Where did it happen? (optional)",
        empty_label="Not at a place on the list",
        help_text="A park, station or street from our list. Or mark the place on the map below, "
                  "if you see one: only the partners it is sent to see the exact point; everyone "
                  "else sees it to within a few hundred metres.")
    latitude = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=8,
                                  decimal_places=5)
    longitude = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=8,
                                   decimal_places=5)

    field_order = ["token", "title", "body", "topic", "neighbourhood", "landmark", "anonymous",
                   "share_contact"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = "Your post"
        topics = board.topics.all()
        self.fields["topic"].queryset = topics if topics.exists() else Topic.objects.all()
        if board.thread_kind == ThreadKind.CONCERN:  # concerns are routed by topic and area
            self.fields["topic"].required = self.fields["neighbourhood"].required = True
            self.fields["topic"].empty_label = "Choose a topic"
            self.fields["neighbourhood"].empty_label = "Choose a neighbourhood"
            self.fields["landmark"].queryset = (Landmark.objects.filter(is_active=True)
                                                .select_related("neighbourhood"))
        else:
            for name in ("share_contact", "landmark", "latitude", "longitude"):
                del self.fields[name]
        self.order_fields(self.field_order)

    def clean_title(self):
        return threads.clean_title(self.cleaned_data.get("title"))


class EditPostForm(forms.Form):
    body = BodyField(label="Your post", required=False)

    def __init__(self, *args, with_title=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields["title"] = forms.CharField(label="Title", required=False,
                                                   widget=forms.TextInput(
                                                       attrs={"maxlength": threads.TITLE_MAX}))
            self.order_fields(["title", "body"])

    def clean_title(self):
        return threads.clean_title(self.cleaned_data.get("title"))


class LoadedChoiceField(forms.ChoiceField):
    """A choice, by slug, among objects already loaded (the cached topics and neighbourhoods):
    neither its options nor checking a choice needs a query. Cleans to the object or None."""

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(required=False, **kwargs)
        self.empty_label = empty_label
        self.objects = {}

    def set_objects(self, objects):
        self.objects = {obj.slug: obj for obj in objects}
        self.choices = [("", self.empty_label), *((obj.slug, str(obj)) for obj in objects)]

    def clean(self, value):
        slug = super().clean(value)
        return self.objects.get(slug) if slug else None


class FilterForm(forms.Form):
    topic = LoadedChoiceField(empty_label="All topics")
    area = LoadedChoiceField(empty_label="All neighbourhoods", label="Neighbourhood")

    def __init__(self, *args, topics, neighbourhoods, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].set_objects(topics)
        self.fields["area"].set_objects(neighbourhoods)
        # Threads in one language (of their first post, detected when written).
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"), required=False,
            choices=[("", _("Any language")), *settings.LANGUAGES])
        if states:  # concern boards: filter by the concern's state
            self.fields["state"] = forms.ChoiceField(
                label="State", required=False, choices=[("", "Any state"), *states])
