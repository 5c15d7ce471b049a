from django import forms

from redress.forms import NamedErrors

from .letters import FIELD, FIELDS, unknown_fields
from .models import MUST_EXPLAIN_ESCALATION, CaseLetter, LetterKind, LetterTemplate, SentBy


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
        explained = {"escalation", "next_steps"} & set(FIELD.findall(data.get("body", "")))
        if self.instance.kind in MUST_EXPLAIN_ESCALATION and not explained:
            self.add_error("body", "This letter must include {{ next_steps }}: how to take the complaint further")
        return data


class NewLetterForm(NamedErrors, forms.Form):
    kind = forms.ChoiceField(
        label="Which letter?",
        choices=LetterKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which letter to produce"},
    )


class LetterEditForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = CaseLetter
        fields = ["subject", "text"]
        labels = {"text": "Letter"}
        help_texts = {"text": "Paragraphs separated by a blank line."}
        widgets = {"text": forms.Textarea(attrs={"rows": 24})}
        error_messages = {
            "subject": {
                "required": "Enter the letter's subject",
                "max_length": "The subject must be 200 characters or fewer",
            },
            "text": {"required": "Enter the words of the letter"},
        }


class SubmitForm(NamedErrors, forms.Form):
    """Nothing to fill in: the button is the submission."""


class ReviewForm(NamedErrors, forms.Form):
    decision = forms.ChoiceField(
        label="Is the response ready to send?",
        widget=forms.RadioSelect,
        choices=[("approve", "Yes, approve it"), ("return", "No, return it with comments")],
        error_messages={"required": "Select whether to approve the response or return it"},
    )
    comment = forms.CharField(
        label="Comments for the investigating officer",
        required=False,
        help_text="Needed when returning it: say what needs to change.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"max_length": "Comments must be 5,000 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", "Say what needs to change before returning the letter")
        return data


class SendForm(NamedErrors, forms.Form):
    how = forms.ChoiceField(
        label="How is it sent?",
        widget=forms.RadioSelect,
        choices=SentBy.choices,
        error_messages={"required": "Select how the letter is sent"},
    )

    def __init__(self, *args, address: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how"].help_text = (
            f"Emails go to {address}." if address else "The complainant has no email address: it can go by post."
        )
