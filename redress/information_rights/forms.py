from django import forms
from django.core.exceptions import ValidationError

from redress.accounts.models import Role
from redress.accounts.pickers import StaffChoiceField
from redress.forms import GovukDateField, NamedErrors

from .deadlines import MAX_EXTENSION_MONTHS
from .models import Decision, ErasureGround, InformationRequest, Status


class RequestForm(NamedErrors, forms.ModelForm):
    received = GovukDateField(label="Date received", past=True, help_text="The month to answer runs from this day.")
    date_of_birth = GovukDateField(label="Date of birth", past=True, required=False)

    class Meta:
        model = InformationRequest
        fields = [
            "kind",
            "requester_name",
            "requester_contact",
            "for_someone_else",
            "first_name",
            "last_name",
            "email",
            "date_of_birth",
            "reference",
            "received",
            "handler",
        ]
        labels = {"first_name": "Their first name", "last_name": "Their last name"}
        widgets = {"kind": forms.RadioSelect}
        field_classes = {"handler": StaffChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].offer([Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER], keep=self.instance.handler_id)
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # no blank radio

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("first_name", "last_name", "email", "reference")):
            raise ValidationError("Enter the person's name, email address or a case reference, to search by")
        return data


class SearchForm(NamedErrors, forms.Form):
    name = forms.CharField(label="Full name", required=False, max_length=200, help_text="First and last name.")
    email = forms.EmailField(label="Email address", required=False)
    date_of_birth = GovukDateField(label="Date of birth", past=True, required=False)
    reference = forms.CharField(label="Case reference", required=False, max_length=40)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not any(data.get(name) for name in ("name", "email", "reference")):
            # A date of birth is shared by too many people to find anyone by itself.
            raise ValidationError("Enter a full name, an email address or a case reference")
        return data


class SelectionForm(NamedErrors, forms.Form):
    cases = forms.MultipleChoiceField(
        label="Which cases hold information about this person?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose only those about this person. Cases you do not choose are left out of the request.",
    )

    def __init__(self, *args, matches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(str(m.case.pk), label(m)) for m in matches]


def label(match) -> str:
    parts = [f"{match.case.reference}, received {match.case.received:%-d %B %Y}"]
    if match.roles:
        parts.append(" and ".join(sorted(match.roles)))
    parts.append(f"matched on {match.summary()} in {', '.join(sorted(match.found_in))}")
    if match.differs:
        parts.append("; ".join(sorted(match.differs)))
    return ". ".join(parts)


class ExtensionForm(NamedErrors, forms.Form):
    months = forms.TypedChoiceField(
        label="Extend by",
        coerce=int,
        choices=[(1, "1 further month"), (2, "2 further months")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why more time is needed",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Article 12(3) allows more time only for a complex request or many requests. Tell the person "
        "within the first month.",
        max_length=2000,
    )

    def __init__(self, *args, request: InformationRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_months(self):
        months = self.cleaned_data["months"]
        if self.request.extension_months + months > MAX_EXTENSION_MONTHS:
            left = MAX_EXTENSION_MONTHS - self.request.extension_months
            raise ValidationError(
                f"The time can be extended by {MAX_EXTENSION_MONTHS} months at most: {left} left"
                if left
                else "The time has already been extended by the most allowed (2 months)"
            )
        return months


class DecisionForm(NamedErrors, forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=Decision.choices, widget=forms.RadioSelect)
    ground = forms.ChoiceField(
        label="Reason for refusing",
        choices=[("", "Choose a reason")] + ErasureGround.choices,
        required=False,
        help_text="Only when refusing: the exceptions of UK GDPR Article 17(3).",
    )
    explanation = forms.CharField(
        label="Explanation", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.REFUSE:
            if not data.get("ground"):
                self.add_error("ground", "Select the reason for refusing")
            if not data.get("explanation", "").strip():
                self.add_error("explanation", "Explain why it is refused, for the letter to the person")
        return data


class CloseForm(NamedErrors, forms.ModelForm):
    closed = GovukDateField(label="Date closed", past=True)

    class Meta:
        model = InformationRequest
        fields = ["status", "closed", "outcome_letter"]
        widgets = {"status": forms.RadioSelect, "outcome_letter": forms.Textarea(attrs={"rows": 12})}
        labels = {"status": "How did it end?"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [c for c in Status.choices if c[0] != Status.OPEN]

    def clean_closed(self):
        closed = self.cleaned_data["closed"]
        if closed and closed < self.instance.received:
            raise ValidationError("Date closed must be on or after the date received")
        return closed
