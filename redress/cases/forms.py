from django import forms
from django.db.models import Q

from redress.configuration.forms import whole_number
from redress.configuration.models import Lookup, LookupList, ServiceArea, report_procedures
from redress.forms import GovukDateField, ModelMultipleChoiceField, NamedErrors, PostcodeField
from redress.procedures.models import Procedure

from .models import CONCERN_LISTS, Concern, Kind, Person, Representation, concern_list

INELIGIBLE = "ineligible"


def lookup_choices(list_name: str | list[str], current=None):
    """Active entries of a list (or lists), plus the one already on the record even if since retired."""
    query = Q(active=True)
    if current is not None:
        query |= Q(pk=current.pk)
    names = [list_name] if isinstance(list_name, str) else list_name
    return (
        Lookup.objects.filter(list_name__in=names)
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
        ["received", "method", "point_of_receipt", "service_area", "counted_in"],
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
    ("What it is about", ["summary"]),
]
# The workflow's own fields (dates, stage, timescale, extension, outcome, allocation, closure) are
# not on this form: they change only through the case's actions, which record an event and work
# out the deadlines again (redress.cases.workflow). A wrong date is put right with "Correct a date".

# Which sections each kind of representation has.
KIND_SECTIONS = {
    Kind.COMPLAINT: [heading for heading, _ in SECTIONS if heading != "About the compliment"],
    Kind.COMPLIMENT: ["When and how it arrived", "About the compliment", "What it is about"],
}
OTHER_KINDS_SECTIONS = ["When and how it arrived", "What it is about"]
FORM_ONLY_FIELDS = {"route", "same_person", "counted_in"}
# A compliment, comment, enquiry or service request counts only in its procedure's annual report
# (interchange 1.1); "none" is a choice of its own, as an unanswered question means the area's default.
NOT_COUNTED = "none"
MODEL_FIELDS = [name for _, names in SECTIONS for name in names if name not in FORM_ONLY_FIELDS]


def fields_for(kind: str) -> list[str]:
    headings = KIND_SECTIONS.get(kind, OTHER_KINDS_SECTIONS)
    names = [name for heading, names in SECTIONS if heading in headings for name in names]
    # A complaint's procedure is its route, which the workflow owns.
    return [name for name in names if name != "counted_in"] if kind == Kind.COMPLAINT else names


def counted_in_choices() -> list[tuple[str, str]]:
    return [(p.code, p.name) for p in Procedure.objects.filter(active=True)] + [
        (NOT_COUNTED, "None: no annual report counts it")
    ]


def report_procedure_for(choice: str, service_area: ServiceArea | None) -> Procedure | None:
    """The procedure whose annual report counts a compliment, comment, enquiry or service request:
    the one the officer chose, none if they chose none, otherwise the service area's default."""
    if choice == NOT_COUNTED:
        return None
    if choice:
        return Procedure.objects.get(code=choice)
    return service_area.report_procedure() if service_area else None


class RepresentationForm(NamedErrors, forms.ModelForm):
    """The case record. Which fields appear depends on the kind being recorded."""

    route = forms.ChoiceField(label="Procedure", widget=forms.RadioSelect, required=False)
    counted_in = forms.ChoiceField(
        label="Which annual report counts it",
        widget=forms.RadioSelect(attrs={"small": True}),
        required=False,
        help_text="Leave it unanswered to use the service area's default procedure.",
        error_messages={"invalid_choice": "Select which annual report counts it, or none"},
    )
    received = GovukDateField(label="Date received", past=True)
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
        field_classes = {"themes": ModelMultipleChoiceField}
        widgets = {
            "consent": forms.RadioSelect,
            "su_sex": forms.RadioSelect(attrs={"small": True}),
            "su_disability": forms.RadioSelect(attrs={"small": True, "inline": True}),
            "outcome": forms.RadioSelect(attrs={"small": True}),
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "redirection_details": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "redirected_to": "Redirected to",
            "redirection_details": "Details of the redirection",
            "summary": "Summary",
        }

    # What an empty answer means, in place of Django's "---------".
    BLANK_LABELS = {
        "consent": "Not recorded",
        "su_sex": "Not known",
        "su_disability": "Not known",
        "redirected_to": "Not redirected",
        "service_area": "Not recorded",
    }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        case = self.instance
        wanted = fields_for(kind)
        if case.pk:
            # Once recorded, the date received is corrected through the workflow; the route is
            # the officer's to change until the case is triaged, which starts its clock.
            wanted = [name for name in wanted if name != "received"]
            if case.triaged:
                fixed = {"route", "redirected_to"} | (set() if case.ineligible else {"redirection_details"})
                wanted = [name for name in wanted if name not in fixed]
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
        if "route" in self.fields:
            self.fields["route"].choices = [(p.code, p.name) for p in Procedure.objects.filter(active=True)] + [
                (INELIGIBLE, "Ineligible: redirected to another route")
            ]
            self.fields["route"].required = True
            self.fields["route"].error_messages["required"] = "Select the procedure, or ineligible"
            if case.pk:
                self.initial["route"] = INELIGIBLE if case.ineligible else getattr(case.procedure, "code", None)
            self.initial.setdefault("same_person", "yes" if not case.for_someone_else else "no")
        if "counted_in" in self.fields:
            self.fields["counted_in"].choices = counted_in_choices()
            if case.pk:
                self.initial["counted_in"] = case.procedure.code if case.procedure_id else NOT_COUNTED
        for name, label in self.BLANK_LABELS.items():
            if name in self.fields:
                field = self.fields[name]
                if hasattr(field, "empty_label"):
                    field.empty_label = label
                else:
                    field.choices = [(value, label if value == "" else text) for value, text in field.choices]
        if "su_age" in self.fields:
            self.fields["su_age"] = forms.IntegerField(
                label="Age when received",
                required=False,
                min_value=0,
                max_value=130,
                widget=whole_number(),
                help_text="Worked out from the date of birth when that is given.",
            )

    def area_procedures(self) -> dict[str, str]:
        """Each service area's default procedure code, for the page to pre-fill "Which annual
        report counts it" when the officer picks an area; empty where the area has none."""
        if "counted_in" not in self.fields:
            return {}
        areas = list(ServiceArea.objects.select_related("default_procedure"))
        found = report_procedures(areas)
        return {str(pk): procedure.code if procedure else "" for pk, (procedure, _) in found.items()}

    def sections(self) -> list[tuple[str, list]]:
        """The form's fields grouped under headings, leaving out groups this kind lacks."""
        groups = []
        for heading, names in SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                groups.append((heading, fields))
        return groups

    def received_date(self):
        """The date received as typed (a new record) or as recorded."""
        return self.cleaned_data.get("received") if "received" in self.fields else self.instance.received

    def clean(self):
        data = super().clean()
        if data.get("route") == INELIGIBLE and not data.get("redirected_to"):
            self.add_error("redirected_to", "Select where the complaint was redirected to")
        if data.get("same_person") is False and not data.get("relationship"):
            self.add_error(
                "relationship",
                "Select who made the complaint, in relation to the person receiving the service",
            )
        return data

    def save(self, commit=True):
        case = super().save(commit=False)
        case.kind = self.kind
        if "route" in self.fields:
            route = self.cleaned_data["route"]
            case.ineligible = route == INELIGIBLE
            case.procedure = None if case.ineligible else Procedure.objects.get(code=route)
            if not case.ineligible:
                case.redirected_to = ""
        if "counted_in" in self.fields:
            case.procedure = report_procedure_for(self.cleaned_data["counted_in"], case.service_area)
        if commit:
            case.save()
            self.save_m2m()
        return case


class PersonForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "date_of_birth", "email", "phone", "address", "postcode"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    date_of_birth = GovukDateField(label="Date of birth", required=False, past=True)
    postcode = PostcodeField(label="Postcode", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs["class"] = "govuk-input--width-20"
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def has_content(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)

    def check_born_before(self, received) -> None:
        """A person's age when the complaint was received cannot be negative."""
        born = self.cleaned_data.get("date_of_birth")
        if born and received and born > received:
            message = f"Date of birth must be on or before the date received ({received:%-d %B %Y})"
            self.add_error("date_of_birth", message)


class ConcernForm(NamedErrors, forms.ModelForm):
    topic = LookupChoiceField(
        queryset=Lookup.objects.none(), label="Category", required=False, empty_label="Choose a category"
    )

    field_order = ["topic", "description"]

    # A concern's findings are recorded stage by stage on the findings page (redress.cases.findings).
    class Meta:
        model = Concern
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        labels = {"description": "What the concern is"}

    def __init__(self, *args, procedure_code=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = None
        if self.instance.pk:
            current = self.instance.subcategory or self.instance.category
        # A new record's procedure is chosen on the same page: offer both lists until it is known.
        lists = [concern_list(procedure_code)] if procedure_code else CONCERN_LISTS
        self.fields["topic"].queryset = lookup_choices(lists, current)
        if current:
            self.initial["topic"] = current.pk

    def clean(self):
        data = super().clean()
        if data.get("description") and not data.get("topic"):
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
    def check_procedure(self, procedure_code: str | None) -> None:
        """Each concern's category must come from the list of the complaint's procedure."""
        wanted = concern_list(procedure_code)
        for form in self.forms:
            topic = form.cleaned_data.get("topic") if form.is_valid() else None
            if topic and topic.list_name != wanted and not form.cleaned_data.get("DELETE"):
                kind = "corporate" if wanted == LookupList.CORPORATE_CONCERN_CATEGORY else "social care"
                form.add_error("topic", f"Choose a category for {kind} complaints")

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
