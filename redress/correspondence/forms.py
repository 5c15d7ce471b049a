from django import forms

from redress.forms import NamedErrors

from .letters import FIELDS, unknown_fields
from .models import MUST_EXPLAIN_ESCALATION, LetterKind, LetterTemplate


class LetterTemplateForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = "Paragraphs separated by a blank line. Merge fields: " + ", ".join(
            "{{ " + field + " }}" for field in FIELDS
        )

    def clean(self):
        data = super().clean()
        for name in ("subject", "body"):
            unknown = unknown_fields(data.get(name, ""))
            if unknown:
                self.add_error(name, "Unknown merge field: " + ", ".join(unknown) + ". Use one of the fields listed")
        if self.instance.kind in MUST_EXPLAIN_ESCALATION and "escalation" not in data.get("body", ""):
            self.add_error("body", "This letter must include {{ escalation }}: how to take the complaint further")
        return data


class NewLetterForm(NamedErrors, forms.Form):
    kind = forms.ChoiceField(label="Which letter?", choices=LetterKind.choices, widget=forms.RadioSelect)
