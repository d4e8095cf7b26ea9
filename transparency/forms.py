from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.partners.models import Partner
from portal.taxonomy.models import Neighbourhood, Topic

FIRST_YEAR = 2000
Lower = lazy(lambda text: str(text).lower(), str)


class SlugChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, *, label, everything):
        super().__init__(queryset, to_field_name="slug", required=False, label=label,
                         empty_label=everything,
                         error_messages={"invalid_choice": format_lazy(
                             gettext_lazy("There is no such {}: choose one from the list."),
                             Lower(label))})


class FilterForm(forms.Form):
    """The dashboard's GET filters. Any value it does not know gets a message, never a 500."""

    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        choices=[("12m", gettext_lazy("Last 12 months")), ("month", gettext_lazy("This month so far")),
                 ("year", gettext_lazy("A calendar year"))],
        required=False, error_messages={"invalid_choice": gettext_lazy("Choose a period from the list.")})
    year = forms.IntegerField(required=False, label=gettext_lazy("Year"),
                              help_text=gettext_lazy("For “a calendar year”, e.g. 2025."),
                              error_messages={
                                  "invalid": gettext_lazy("Enter a year as four digits, e.g. 2025.")})
    partner = SlugChoiceField(Partner.objects.filter(is_active=True), label=gettext_lazy("Partner"),
                              everything=gettext_lazy("All partners"))
    topic = SlugChoiceField(Topic.objects.all(), label=gettext_lazy("Topic"),
                            everything=gettext_lazy("All topics"))
    neighbourhood = SlugChoiceField(Neighbourhood.objects.all(), label=gettext_lazy("Neighbourhood"),
                                    everything=gettext_lazy("All neighbourhoods"))

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("period") == "30d":
            # links from before the last 30 days became this month so far (no rolling windows:
            # they share part of a month with the monthly figures, and subtraction reveals it)
            data = data.copy()
            data["period"] = "month"
        super().__init__(data, *args, **kwargs)
        this_year = timezone.localdate().year
        year = self.fields["year"]
        year.widget.attrs.update({"min": FIRST_YEAR, "max": this_year, "inputmode": "numeric"})
        year.validators = []
        self.this_year = this_year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and not FIRST_YEAR <= year <= self.this_year:
            raise forms.ValidationError(_("Choose a year from %(first)d to %(last)d.") % {
                "first": FIRST_YEAR, "last": self.this_year})
        return year

    def clean(self):
        data = super().clean()
        if data.get("period") == "year" and data.get("year") is None and "year" not in self.errors:
            self.add_error("year", _("Enter the year you want to see, e.g. 2025."))
        return data
