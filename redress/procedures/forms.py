from django import forms

from redress.forms import GovukDateField

from .calendar import bank_holidays
from .models import ClosureDay, Procedure, Stage


class ProcedureForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = ["name", "description", "reference_prefix", "acknowledgement_days", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        labels = {"reference_prefix": "Reference prefix", "active": "In use"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference_prefix"].widget.attrs["class"] = "govuk-input--width-5"
        self.fields["acknowledgement_days"].widget.attrs["class"] = "govuk-input--width-3"

    def clean_reference_prefix(self):
        prefix = self.cleaned_data["reference_prefix"].strip().upper()
        if not prefix.isalnum():
            raise forms.ValidationError("The reference prefix must be letters and numbers only, like ASC")
        return prefix


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["name", "target_days", "extended_days", "counted_from", "request_within_days"]
        labels = {
            "target_days": "Timescale (working days)",
            "extended_days": "Longest with an extension",
            "counted_from": "Counted from",
            "request_within_days": "Time to ask for this stage",
        }
        widgets = {"counted_from": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("target_days", "extended_days", "request_within_days"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-3"

    def clean(self):
        data = super().clean()
        target, extended = data.get("target_days"), data.get("extended_days")
        if target is not None and extended is not None and extended < target:
            self.add_error("extended_days", "The longest time with an extension cannot be shorter than the timescale")
        if target == 0:
            self.add_error("target_days", "The timescale must be at least 1 working day")
        return data


class ClosureDayForm(forms.ModelForm):
    date = GovukDateField(label="Date")

    class Meta:
        model = ClosureDay
        fields = ["date", "description"]
        labels = {"description": "What it is"}
        help_texts = {"description": "For example, Christmas Eve"}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day.weekday() >= 5:
            raise forms.ValidationError(f"{day:%-d %B %Y} is a {day:%A}: weekends are never working days")
        if day in set(bank_holidays()):
            raise forms.ValidationError(f"{day:%-d %B %Y} is already a bank holiday")
        if ClosureDay.objects.filter(date=day).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"{day:%-d %B %Y} is already a closure day")
        return day
