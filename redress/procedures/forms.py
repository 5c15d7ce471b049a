from django import forms
from django.utils.text import capfirst

from redress.configuration.forms import at_most, whole_number
from redress.forms import GovukDateField, NamedErrors

from .calendar import bank_holidays
from .models import ClosureDay, CountedFrom, Procedure, Stage

# No timescale in any procedure is near a year of working days; a longer one is a typing slip.
DAYS_MOST = 365


def days_messages(what: str) -> dict:
    return {
        "required": f"Enter {what} in working days",
        "invalid": f"{what.capitalize()} must be a whole number of days",
        "min_value": f"{what.capitalize()} must be 0 working days or more",
        "max_value": f"{what.capitalize()} must be {DAYS_MOST} working days or fewer",
    }


class ProcedureForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = Procedure
        fields = [
            "name",
            "description",
            "reference_prefix",
            "acknowledgement_days",
            "green_days",
            "amber_days",
            "red_days",
            "six_month_limit",
            "active",
        ]
        labels = {
            "reference_prefix": "Reference prefix",
            "green_days": "Green (low risk) timescale, working days",
            "amber_days": "Amber (medium risk) timescale, working days",
            "red_days": "Red (high risk) timescale, working days",
            "six_month_limit": "Respond within six months unless the complainant agrees otherwise",
            "acknowledgement_days": "Time to acknowledge",
            "active": "In use",
        }
        help_texts = {"reference_prefix": "Letters and numbers that start its case references, like ASC."}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "reference_prefix": forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
            "acknowledgement_days": whole_number(),
            "green_days": whole_number(),
            "amber_days": whole_number(),
            "red_days": whole_number(),
        }
        error_messages = {
            "name": {"required": "Enter the name of the procedure"},
            "reference_prefix": {"required": "Enter the reference prefix"},
            "acknowledgement_days": days_messages("the time to acknowledge"),
            "green_days": days_messages("the green (low risk) timescale"),
            "amber_days": days_messages("the amber (medium risk) timescale"),
            "red_days": days_messages("the red (high risk) timescale"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        at_most(self, DAYS_MOST, "acknowledgement_days", "green_days", "amber_days", "red_days")

    def clean(self):
        data = super().clean()
        risk = [data.get(f"{colour}_days") for colour in ("green", "amber", "red")]
        if any(risk) and not all(risk):
            self.add_error("green_days", "Give all three risk-rated timescales, or none")
        elif all(risk) and not risk[0] <= risk[1] <= risk[2]:
            self.add_error(
                "amber_days", "Timescales must not get shorter as the risk rises: green, then amber, then red"
            )
        return data

    def clean_reference_prefix(self):
        prefix = self.cleaned_data["reference_prefix"].strip().upper()
        if not prefix.isalnum():
            raise forms.ValidationError("The reference prefix must be letters and numbers only, like ASC")
        other = Procedure.objects.filter(reference_prefix__iexact=prefix).exclude(pk=self.instance.pk).first()
        if other:
            raise forms.ValidationError(f"The {other.name} procedure already uses {prefix}")
        return prefix


class StageForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["name", "target_days", "extended_days", "counted_from", "request_within_days"]
        labels = {
            "target_days": "Timescale (working days)",
            "extended_days": "Longest with an extension (working days)",
            "counted_from": "Counted from",
            "request_within_days": "Time to ask for this stage (working days)",
        }
        widgets = {
            "counted_from": forms.RadioSelect,
            "target_days": whole_number(),
            "extended_days": whole_number(),
            "request_within_days": whole_number(),
        }
        error_messages = {
            "name": {"required": "Enter the name of the stage"},
            "target_days": days_messages("the timescale"),
            "extended_days": days_messages("the longest time with an extension"),
            "counted_from": {"required": "Select the day the timescale is counted from"},
            "request_within_days": days_messages("the time to ask for this stage"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        at_most(self, DAYS_MOST, "target_days", "extended_days", "request_within_days")
        self.fields["counted_from"].choices = [(value, capfirst(label)) for value, label in CountedFrom.choices]
        if self.instance.number == 1:
            del self.fields["request_within_days"]  # nothing comes before stage 1 to ask after

    def clean(self):
        data = super().clean()
        target, extended = data.get("target_days"), data.get("extended_days")
        if target == 0:
            self.add_error("target_days", "The timescale must be at least 1 working day")
        elif target is not None and extended is not None and extended < target:
            self.add_error("extended_days", "The longest time with an extension cannot be shorter than the timescale")
        return data


class ClosureDayForm(NamedErrors, forms.ModelForm):
    date = GovukDateField(label="Date")

    class Meta:
        model = ClosureDay
        fields = ["date", "description"]
        labels = {"description": "What it is"}
        help_texts = {"description": "For example, Christmas Eve"}
        error_messages = {"description": {"required": "Enter what the closure day is, like Christmas Eve"}}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day.weekday() >= 5:
            raise forms.ValidationError(f"{day:%-d %B %Y} is a {day:%A}: weekends are never working days")
        if day in set(bank_holidays()):
            raise forms.ValidationError(f"{day:%-d %B %Y} is already a bank holiday")
        if ClosureDay.objects.filter(date=day).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"{day:%-d %B %Y} is already a closure day")
        return day
