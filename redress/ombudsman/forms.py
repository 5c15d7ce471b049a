from django import forms
from django.core.exceptions import ValidationError

from redress.accounts.pickers import StaffChoiceField
from redress.cases.models import Kind, Representation
from redress.configuration.forms import at_most, whole_number
from redress.configuration.models import ServiceArea
from redress.forms import AMOUNT_MESSAGES, GovukDateField, NamedErrors
from redress.intake.files import check_upload
from redress.procedures.forms import DAYS_MOST

from .models import Decision, DocumentKind, OmbudsmanCase, OmbudsmanSettings, Recommendation, Stage
from .workflow import check_recommendation, next_stages


class CaseForm(NamedErrors, forms.ModelForm):
    complaint_references = forms.CharField(
        label="The council's complaint references",
        required=False,
        help_text="The complaints the Ombudsman's case is about, separated by commas. Leave blank if there is none.",
    )
    received = GovukDateField(label="Date the Ombudsman first contacted us")
    ombudsman_due = GovukDateField(
        label="The date the Ombudsman asked for the complaint file by",
        required=False,
        help_text="Leave blank to allow the usual number of working days.",
    )

    class Meta:
        model = OmbudsmanCase
        fields = ["reference", "procedure", "service_area", "investigator", "link_officer", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"link_officer": StaffChoiceField}
        help_texts = {"reference": "For example 23 001 484"}
        error_messages = {
            "reference": {
                "required": "Enter the Ombudsman's reference",
                "unique": "There is already an Ombudsman case with this reference",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = ServiceArea.objects.active()
        self.fields["link_officer"].offer(keep=self.instance.link_officer_id)
        self.fields["procedure"].empty_label = None
        if self.instance.pk:
            del self.fields["received"], self.fields["ombudsman_due"]
            self.initial["complaint_references"] = ", ".join(c.reference for c in self.instance.complaints.all())

    def clean_complaint_references(self) -> list[Representation]:
        text = self.cleaned_data["complaint_references"].replace(";", ",")
        wanted = list(dict.fromkeys(r.strip().upper() for r in text.split(",") if r.strip()))
        found = {c.reference: c for c in Representation.objects.filter(reference__in=wanted, kind=Kind.COMPLAINT)}
        unknown = [r for r in wanted if r not in found]
        if unknown:
            raise ValidationError(f"There is no complaint with the reference {', '.join(unknown)}")
        return [found[r] for r in wanted]

    def save(self, commit=True):
        case = super().save(commit=commit)
        if commit:
            case.complaints.set(self.cleaned_data["complaint_references"])
        return case


class StageForm(NamedErrors, forms.Form):
    stage = forms.ChoiceField(
        label="Which stage has the case reached?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage the case has reached"},
    )
    started = GovukDateField(label="Date the Ombudsman's letter arrived")
    ombudsman_due = GovukDateField(
        label="The Ombudsman's deadline",
        required=False,
        help_text="The date in the Ombudsman's letter. Leave blank to allow the usual number of working days.",
    )

    def __init__(self, *args, case: OmbudsmanCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, Stage(s).label) for s in next_stages(case)]


class AnswerForm(NamedErrors, forms.Form):
    responded = GovukDateField(label="Date we sent our answer to the Ombudsman")


class DecisionForm(NamedErrors, forms.Form):
    decision = forms.ChoiceField(
        label="The Ombudsman's final decision",
        choices=[(c, label) for c, label in Decision.choices if c != Decision.PREMATURE],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the Ombudsman's decision"},
    )
    decided = GovukDateField(label="Date of the final decision")
    public_report = forms.BooleanField(label="The Ombudsman issued a public report", required=False)


class ReferBackForm(NamedErrors, forms.Form):
    referred = GovukDateField(label="Date the Ombudsman referred it back")


class RecommendationForm(NamedErrors, forms.ModelForm):
    due = GovukDateField(label="Due by")
    completed = GovukDateField(label="Date completed", required=False)
    accepted = forms.TypedChoiceField(
        label="Did the Ombudsman accept it as satisfactory?",
        choices=[("", "Not yet known"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Recommendation
        fields = ["kind", "details", "amount", "owner", "due", "completed", "evidence", "accepted"]
        widgets = {
            "kind": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 3}),
            "amount": forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"owner": StaffChoiceField}
        error_messages = {
            "kind": {"required": "Select the type of remedy"},
            "amount": AMOUNT_MESSAGES,
            "owner": {"required": "Select who owns it"},
        }

    def __init__(self, *args, owner_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].offer(keep=self.instance.owner_id)
        self.fields["owner"].required = True
        if self.instance.accepted is not None:
            self.initial["accepted"] = "yes" if self.instance.accepted else "no"
        if owner_only:
            # The owner reports what was done; what was asked for is the link officer's to record.
            for name in ["kind", "details", "amount", "owner", "due"]:
                del self.fields[name]

    def clean_accepted(self):
        return self.cleaned_data["accepted"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(AMOUNT_MESSAGES["min_value"])
        return amount

    def _post_clean(self):
        super()._post_clean()
        try:
            check_recommendation(self.instance)
        except ValidationError as error:
            self._update_errors(error)

    def save(self, commit=True):
        # Remedies recorded here count in the report's "remedies by type" under their type's name.
        if "kind" in self.changed_data or not self.instance.named_as:
            self.instance.named_as = self.instance.get_kind_display()
        return super().save(commit)


class DocumentForm(NamedErrors, forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the document is"},
    )
    file = forms.FileField(label="Upload a file", error_messages={"required": "Select a file"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class SettingsForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = OmbudsmanSettings
        fields = [
            "enquiry_days",
            "enquiry_internal_days",
            "investigation_days",
            "investigation_internal_days",
            "draft_decision_days",
            "draft_decision_internal_days",
            "remedy_days",
            "reminder_days",
            "monitoring_officer_email",
            "statistics_name",
            "peer_group",
            "peers",
        ]
        widgets = {
            "peer_group": forms.RadioSelect,
            "peers": forms.Textarea(attrs={"rows": 6}),
            **{name: whole_number() for name in fields if name.endswith("_days")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        at_most(self, DAYS_MOST, *(name for name in self.fields if name.endswith("_days")))

    def clean(self):
        data = super().clean()
        for stage in ["enquiry", "investigation", "draft_decision"]:
            theirs, ours = data.get(f"{stage}_days"), data.get(f"{stage}_internal_days")
            if theirs is not None and ours is not None and ours > theirs:
                self.add_error(f"{stage}_internal_days", "Our own deadline must not be later than the Ombudsman's")
        if data.get("peer_group") == "chosen" and not data.get("peers", "").strip():
            self.add_error("peers", "List the councils to compare with, one a line")
        return data


class StatisticsForm(NamedErrors, forms.Form):
    year = forms.TypedChoiceField(label="Which year do the statistics cover?", coerce=int)
    file = forms.FileField(
        label="Upload the Ombudsman's annual statistics",
        help_text="A CSV or Excel file with one row per council.",
        error_messages={"required": "Select a file"},
    )

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years
