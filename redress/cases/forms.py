from django import forms
from django.db.models import Q

from redress.accounts.models import Role, User
from redress.configuration.models import Lookup, LookupList, ServiceArea
from redress.forms import GovukDateField
from redress.procedures.models import Procedure

from .models import Concern, Kind, Person, Representation

INELIGIBLE = "ineligible"


def lookup_choices(list_name: str, current=None):
    """Active entries of a list, plus the one already on the record even if since retired."""
    query = Q(active=True)
    if current is not None:
        query |= Q(pk=current.pk)
    return (
        Lookup.objects.of(list_name)
        .filter(query)
        .select_related("parent")
        .order_by("parent__order", "parent__label", "order", "label")
    )


class LookupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.group_label


SECTIONS = [
    ("Route", ["route", "redirected_to", "redirection_details"]),
    (
        "When and how it arrived",
        ["received", "acknowledged", "method", "point_of_receipt", "service_area"],
    ),
    ("About the compliment", ["staff_named", "themes", "passed_to_staff", "passed_to_manager"]),
    (
        "Who is complaining",
        ["same_person", "relationship", "consent", "advocate", "child_or_young_person"],
    ),
    (
        "Equality monitoring of the person receiving the service",
        ["su_age", "su_sex", "su_ethnicity", "su_disability", "su_primary_support_reason"],
    ),
    ("What it is about", ["summary", "chronology"]),
    ("Allocation", ["investigating_officer"]),
    (
        "Progress and outcome",
        [
            "target_days",
            "stage",
            "stage1_response",
            "stage2_requested",
            "stage2_response",
            "stage3_requested",
            "stage3_response",
            "extended_to",
            "outcome",
            "provider_fault",
            "remedy_amount",
            "closed",
        ],
    ),
]

# Which sections each kind of representation has.
KIND_SECTIONS = {
    Kind.COMPLAINT: [heading for heading, _ in SECTIONS if heading != "About the compliment"],
    Kind.COMPLIMENT: ["When and how it arrived", "About the compliment", "What it is about"],
}
OTHER_KINDS_SECTIONS = ["When and how it arrived", "What it is about"]
FORM_ONLY_FIELDS = {"route", "same_person"}
MODEL_FIELDS = [name for _, names in SECTIONS for name in names if name not in FORM_ONLY_FIELDS]


def fields_for(kind: str) -> list[str]:
    headings = KIND_SECTIONS.get(kind, OTHER_KINDS_SECTIONS)
    return [name for heading, names in SECTIONS if heading in headings for name in names]


class RepresentationForm(forms.ModelForm):
    """The case record. Which fields appear depends on the kind being recorded."""

    route = forms.ChoiceField(label="Procedure", widget=forms.RadioSelect, required=False)
    received = GovukDateField(label="Date received")
    acknowledged = GovukDateField(label="Date acknowledged", required=False)
    stage1_response = GovukDateField(label="Stage 1 response sent", required=False)
    stage2_requested = GovukDateField(label="Stage 2 requested", required=False)
    stage2_response = GovukDateField(label="Stage 2 response sent", required=False)
    stage3_requested = GovukDateField(label="Stage 3 requested", required=False)
    stage3_response = GovukDateField(label="Stage 3 response sent", required=False)
    extended_to = GovukDateField(
        label="Response date extended to",
        required=False,
        help_text="The revised date agreed with the complainant for the current stage.",
    )
    closed = GovukDateField(label="Date closed", required=False)
    same_person = forms.TypedChoiceField(
        label="Is the complaint made by the person receiving the service?",
        choices=[
            ("yes", "Yes, they are complaining for themselves"),
            ("no", "No, someone is acting for them"),
        ],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        required=False,
    )

    class Meta:
        model = Representation
        fields = MODEL_FIELDS
        widgets = {
            "consent": forms.RadioSelect,
            "su_sex": forms.RadioSelect(attrs={"small": True}),
            "su_disability": forms.RadioSelect(attrs={"small": True, "inline": True}),
            "outcome": forms.RadioSelect(attrs={"small": True}),
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "chronology": forms.Textarea(attrs={"rows": 6}),
            "redirection_details": forms.Textarea(attrs={"rows": 3}),
            "stage": forms.Select(choices=[(1, "Stage 1"), (2, "Stage 2"), (3, "Stage 3")]),
        }
        labels = {
            "redirected_to": "Redirected to",
            "redirection_details": "Details of the redirection",
            "summary": "Summary",
            "investigating_officer": "Investigating officer",
            "remedy_amount": "Financial remedy paid (£)",
        }

    # What an empty answer means, in place of Django's "---------".
    BLANK_LABELS = {
        "consent": "Not recorded",
        "su_sex": "Not known",
        "su_disability": "Not known",
        "outcome": "No outcome yet: still open",
        "redirected_to": "Not redirected",
        "service_area": "Not recorded",
    }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        case = self.instance
        wanted = fields_for(kind)
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        for name, list_name in [
            ("method", LookupList.METHOD),
            ("point_of_receipt", LookupList.POINT_OF_RECEIPT),
            ("relationship", LookupList.RELATIONSHIP),
            ("su_ethnicity", LookupList.ETHNICITY),
            ("su_primary_support_reason", LookupList.PRIMARY_SUPPORT_REASON),
        ]:
            if name in self.fields:
                current = getattr(case, name) if case.pk else None
                field = self.fields[name]
                self.fields[name] = LookupChoiceField(
                    queryset=lookup_choices(list_name, current),
                    required=False,
                    label=field.label,
                    help_text=field.help_text,
                    empty_label="Not known",
                )
        if "themes" in self.fields:
            self.fields["themes"].queryset = Lookup.objects.of(LookupList.COMPLIMENT_THEME).filter(
                Q(active=True) | Q(pk__in=case.themes.all() if case.pk else [])
            )
        if "service_area" in self.fields:
            self.fields["service_area"].queryset = ServiceArea.objects.filter(
                Q(active=True) | Q(pk=case.service_area_id)
            )
        if "investigating_officer" in self.fields:
            self.fields["investigating_officer"].queryset = User.objects.filter(
                is_active=True, role__in=[Role.INVESTIGATING_OFFICER, Role.MANAGER, Role.COMPLAINTS_OFFICER]
            )
            self.fields["investigating_officer"].empty_label = "Not allocated"
        if "route" in self.fields:
            self.fields["route"].choices = [(p.code, p.name) for p in Procedure.objects.filter(active=True)] + [
                (INELIGIBLE, "Ineligible: redirected to another route")
            ]
            self.fields["route"].required = True
            self.fields["route"].error_messages["required"] = "Select the procedure, or ineligible"
            if case.pk:
                self.initial["route"] = INELIGIBLE if case.ineligible else getattr(case.procedure, "code", None)
            self.initial.setdefault("same_person", "yes" if not case.for_someone_else else "no")
        for name, label in self.BLANK_LABELS.items():
            if name in self.fields:
                field = self.fields[name]
                if hasattr(field, "empty_label"):
                    field.empty_label = label
                else:
                    field.choices = [(value, label if value == "" else text) for value, text in field.choices]
        if "su_age" in self.fields:
            self.fields["su_age"].help_text = "Worked out from the date of birth when that is given."
            self.fields["su_age"].widget.attrs["class"] = "govuk-input--width-3"
        if "target_days" in self.fields:
            self.fields["target_days"].widget.attrs["class"] = "govuk-input--width-3"
        if "remedy_amount" in self.fields:
            self.fields["remedy_amount"].widget.attrs["class"] = "govuk-input--width-10"

    def sections(self) -> list[tuple[str, list]]:
        """The form's fields grouped under headings, leaving out groups this kind lacks."""
        groups = []
        for heading, names in SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                groups.append((heading, fields))
        return groups

    def clean(self):
        data = super().clean()
        received = data.get("received")
        for name in ["acknowledged", "stage1_response", "stage2_requested", "closed"]:
            value = data.get(name)
            if received and value and value < received:
                self.add_error(name, f"{self.fields[name].label} must be on or after the date received")
        if data.get("route") == INELIGIBLE and not data.get("redirected_to"):
            self.add_error("redirected_to", "Select where the complaint was redirected to")
        if data.get("outcome") == "withdrawn" and not data.get("closed"):
            self.add_error("closed", "Enter the date the complaint was withdrawn")
        if data.get("same_person") is False and not data.get("relationship"):
            self.add_error(
                "relationship",
                "Select who made the complaint, in relation to the person receiving the service",
            )
        return data

    def save(self, commit=True):
        case = super().save(commit=False)
        case.kind = self.kind
        if "route" in self.cleaned_data:
            route = self.cleaned_data["route"]
            case.ineligible = route == INELIGIBLE
            case.procedure = None if case.ineligible else Procedure.objects.get(code=route)
            if not case.ineligible:
                case.redirected_to = ""
        if commit:
            case.save()
            self.save_m2m()
        return case


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "date_of_birth", "email", "phone", "address", "postcode"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    date_of_birth = GovukDateField(label="Date of birth", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, css in [("postcode", "govuk-input--width-10"), ("phone", "govuk-input--width-20")]:
            self.fields[name].widget.attrs["class"] = css
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def has_content(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)


class ConcernForm(forms.ModelForm):
    topic = LookupChoiceField(
        queryset=Lookup.objects.none(), label="Category", required=False, empty_label="Choose a category"
    )

    field_order = ["topic", "description", "finding"]

    class Meta:
        model = Concern
        fields = ["description", "finding"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "finding": forms.Select}
        labels = {"description": "What the concern is", "finding": "Finding"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = None
        if self.instance.pk:
            current = self.instance.subcategory or self.instance.category
        self.fields["topic"].queryset = lookup_choices(LookupList.CONCERN_CATEGORY, current)
        self.fields["finding"].choices = [("", "No finding yet")] + list(self.fields["finding"].choices)[1:]
        if current:
            self.initial["topic"] = current.pk

    def clean(self):
        data = super().clean()
        if (data.get("description") or data.get("finding")) and not data.get("topic"):
            self.add_error("topic", "Choose the category of this concern")
        return data

    def save(self, commit=True):
        concern = super().save(commit=False)
        topic = self.cleaned_data["topic"]
        concern.category = topic.parent if topic.parent_id else topic
        concern.subcategory = topic if topic.parent_id else None
        if commit:
            concern.save()
        return concern


class BaseConcernFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this concern"

    def _should_delete_form(self, form):
        # A concern row with no category is treated as empty: nothing to keep.
        if form.instance.pk and form.is_valid() and not form.cleaned_data.get("topic"):
            return True
        return super()._should_delete_form(form)


ConcernFormSet = forms.inlineformset_factory(
    Representation,
    Concern,
    form=ConcernForm,
    formset=BaseConcernFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
)
