from django import forms
from django.utils import timezone

from portal.partners.models import Partner
from portal.taxonomy.models import Neighbourhood, Topic

FIRST_YEAR = 2000


class SlugChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, *, label, everything):
        super().__init__(queryset, to_field_name="slug", required=False, label=label,
                         empty_label=everything,
                         error_messages={"invalid_choice": f"There is no such {label.lower()}: "
                                                           "choose one from the list."})


class FilterForm(forms.Form):
    """The dashboard's GET filters. Any value it does not know gets a message, never a 500."""

    period = forms.ChoiceField(
        choices=[("12m", "Last 12 months"), ("month", "This month so far"), ("year", "A calendar year")],
        required=False, error_messages={"invalid_choice": "Choose a period from the list."})
    year = forms.IntegerField(required=False, help_text="For “a calendar year”, e.g. 2025.",
                              error_messages={"invalid": "Enter a year as four digits, e.g. 2025."})
    partner = SlugChoiceField(Partner.objects.filter(is_active=True), label="Partner",
                              everything="All partners")
    topic = SlugChoiceField(Topic.objects.all(), label="Topic", everything="All topics")
    neighbourhood = SlugChoiceField(Neighbourhood.objects.all(), label="Neighbourhood",
                                    everything="All neighbourhoods")

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
            raise forms.ValidationError(f"Choose a year from {FIRST_YEAR} to {self.this_year}.")
        return year

    def clean(self):
        data = super().clean()
        if data.get("period") == "year" and data.get("year") is None and "year" not in self.errors:
            self.add_error("year", "Enter the year you want to see, e.g. 2025.")
        return data
