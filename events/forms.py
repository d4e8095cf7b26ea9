"""Admin form pieces for event pages."""

from django import forms
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel

WEEKDAY_CHOICES = [("MO", gettext_lazy("Monday")), ("TU", gettext_lazy("Tuesday")),
                   ("WE", gettext_lazy("Wednesday")), ("TH", gettext_lazy("Thursday")),
                   ("FR", gettext_lazy("Friday")), ("SA", gettext_lazy("Saturday")),
                   ("SU", gettext_lazy("Sunday"))]


class WeekdayCheckboxes(forms.CheckboxSelectMultiple):
    """Days of the week as checkboxes, stored as the RFC 5545 codes the rule uses ("TU,TH"), so
    rules saved before keep working. A posted "MO,TH" (one value) is read as two days."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=WEEKDAY_CHOICES)

    def format_value(self, value):
        if isinstance(value, str):
            value = value.split(",")
        return [code.strip().upper() for code in value or [] if code and code.strip()]

    def value_from_datadict(self, data, files, name):
        posted = [code.strip().upper() for value in data.getlist(name) for code in value.split(",")
                  if code.strip()]
        order = [code for code, _label in WEEKDAY_CHOICES]
        known = sorted({code for code in posted if code in order}, key=order.index)
        unknown = [code for code in posted if code not in order]
        return ",".join(known + unknown)  # unknown codes reach the validator, which names them


class RecurrenceSummaryPanel(Panel):
    """The saved rule in plain words ("Every week on Tuesday and Thursday, until 31 March 2027")."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/recurrence_summary.html"

        def is_shown(self):
            return bool(getattr(self.instance, "frequency", ""))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["summary"] = self.instance.recurrence_text
            return context
