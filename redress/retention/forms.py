from django import forms
from django.utils import timezone

from redress.configuration.forms import whole_number
from redress.forms import GovukDateField, NamedErrors

from .models import LegalHold, RetentionRules


class RetentionRulesForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = RetentionRules
        fields = [
            "complaint_years",
            "compliment_years",
            "comment_years",
            "enquiry_years",
            "service_request_years",
            "keep_equality_monitoring",
        ]
        widgets = {name: whole_number(2) for name in fields[:-1]}


class LegalHoldForm(NamedErrors, forms.ModelForm):
    until = GovukDateField(label="Keep until", required=False, help_text="Leave blank to keep it until released.")

    class Meta:
        model = LegalHold
        fields = ["reason", "until"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}

    def clean_until(self):
        until = self.cleaned_data.get("until")
        if until and until < timezone.localdate():
            raise forms.ValidationError("Keep until must be today or in the future")
        return until
