import calendar
import contextlib

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q

from redress.accounts.models import Role
from redress.accounts.pickers import StaffChoiceField
from redress.forms import NamedErrors
from redress.procedures.models import Procedure

from . import statements
from .models import NESTED_LISTS, Council, Lookup, ServiceArea, example_reference

MAX_LOGO_BYTES = 1024 * 1024
NOT_AN_IMAGE = "The logo must be a PNG or JPEG image"
THRESHOLD_RANGE = "The threshold for small numbers must be between 2 and 20"
TEXT_FORMAT = (
    "Leave a blank line between paragraphs. Start a line with '## ' for a heading, or '- ' for a "
    "bullet point. Empty it to go back to the standard text."
)
STATEMENTS = {
    "privacy_notice": statements.PRIVACY_NOTICE,
    "accessibility_statement": statements.ACCESSIBILITY_STATEMENT,
}


def whole_number(width: int = 3) -> forms.TextInput:
    # GOV.UK asks for text inputs with a numeric keyboard rather than type="number".
    return forms.TextInput(attrs={"inputmode": "numeric", "class": f"govuk-input--width-{width}"})


def at_most(form: forms.Form, most: int, *names: str) -> None:
    """A top limit for whole numbers that the database would take but no council needs, such
    as a timescale of a million working days, which no calendar could count."""
    for name in names:
        if name in form.fields:
            form.fields[name].max_value = most
            form.fields[name].validators.append(MaxValueValidator(most))


ORDER_MOST = 9999


def order_field_messages(what: str) -> dict:
    between = f"The order must be a whole number from 0 to {ORDER_MOST}"
    return {
        "required": f"Enter the order of the {what}, as a number",
        "invalid": "The order must be a whole number",
        "min_value": between,
        "max_value": between,
    }


class CouncilForm(NamedErrors, forms.ModelForm):
    financial_year_start_month = forms.TypedChoiceField(
        label="Financial year starts in",
        coerce=int,
        choices=[(n, calendar.month_name[n]) for n in range(1, 13)],
        error_messages={"required": "Select the month the financial year starts"},
    )

    class Meta:
        model = Council
        fields = [
            "name",
            "logo",
            "financial_year_start_month",
            "reference_format",
            "publication_threshold",
            "complaints_email",
            "complaints_phone",
            "safeguarding_phone",
            "safeguarding_out_of_hours_phone",
            "privacy_notice",
            "accessibility_statement",
        ]
        labels = {
            "name": "Council name",
            "logo": "Logo for reports",
            "complaints_email": "Complaints team email",
            "complaints_phone": "Complaints team phone",
            "safeguarding_phone": "Safeguarding team phone",
            "safeguarding_out_of_hours_phone": "Safeguarding phone out of hours",
        }
        help_texts = {
            "logo": "A PNG or JPEG image, up to 1 MB. Leave empty to keep the current logo.",
            "safeguarding_phone": "The online form tells anyone at risk of harm to call this number instead.",
            "safeguarding_out_of_hours_phone": "The emergency duty team, for evenings, weekends and bank holidays.",
            "privacy_notice": f"Shown on the public form's privacy page. {TEXT_FORMAT}",
            "accessibility_statement": f"Shown on the public form's accessibility page. {TEXT_FORMAT}",
        }
        widgets = {
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
            "reference_format": forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
            "publication_threshold": whole_number(),
            "complaints_email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "complaints_phone": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
            "safeguarding_phone": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
            "safeguarding_out_of_hours_phone": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
            "privacy_notice": forms.Textarea(attrs={"rows": 20}),
            "accessibility_statement": forms.Textarea(attrs={"rows": 20}),
        }
        error_messages = {
            "name": {"required": "Enter the council's name"},
            "logo": {"invalid_image": NOT_AN_IMAGE},
            "reference_format": {"required": "Enter the reference format"},
            "publication_threshold": {
                "required": "Enter the threshold for small numbers",
                "invalid": "The threshold for small numbers must be a whole number",
                "min_value": THRESHOLD_RANGE,
                "max_value": THRESHOLD_RANGE,
            },
            "complaints_email": {"invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hint = (
            "{prefix} is the procedure's letters, {year} the year received and {number} the next number "
            "that year; {number:05d} pads the number to 5 digits."
        )
        # The saved format's example, so the administrator sees what references look like now.
        with contextlib.suppress(forms.ValidationError):
            hint += f" At the moment the 123rd adult complaint this year gets {self.instance.example_reference()}."
        self.fields["reference_format"].help_text = hint
        # An administrator edits the standard text rather than starting from nothing.
        for name, template in STATEMENTS.items():
            if not getattr(self.instance, name):
                self.initial[name] = statements.standard_text(template, self.instance)

    def _clean_statement(self, name: str) -> str:
        # The standard text unchanged is kept as blank, so it follows a change of council name.
        text = self.cleaned_data[name].strip()
        standard = statements.standard_text(STATEMENTS[name], self.instance)
        return "" if text.replace("\r\n", "\n") == standard else text

    def clean_privacy_notice(self):
        return self._clean_statement("privacy_notice")

    def clean_accessibility_statement(self):
        return self._clean_statement("accessibility_statement")

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.instance.logo:
            return logo
        if logo.size > MAX_LOGO_BYTES:
            raise forms.ValidationError("The logo must be smaller than 1 MB")
        # Django's ImageField has already opened the file with Pillow and kept the image.
        if logo.image.format not in {"PNG", "JPEG"}:
            raise forms.ValidationError(NOT_AN_IMAGE)
        # Named for what it is, so that it is served with the right content type.
        logo.name = "logo.png" if logo.image.format == "PNG" else "logo.jpg"
        return logo

    def clean_reference_format(self):
        text = self.cleaned_data["reference_format"]
        example_reference(text)
        return text

    def clean_publication_threshold(self):
        value = self.cleaned_data["publication_threshold"]
        if not 2 <= value <= 20:
            raise forms.ValidationError(THRESHOLD_RANGE)
        return value


class LookupForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = Lookup
        fields = ["label", "parent", "order", "active"]
        labels = {"active": "In use: offer it on forms"}
        help_texts = {"order": "Lower numbers come first."}
        widgets = {"order": whole_number(4)}
        error_messages = {"label": {"required": "Enter the label"}, "order": order_field_messages("entry")}

    def __init__(self, *args, list_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        at_most(self, ORDER_MOST, "order")
        self.instance.list_name = list_name
        if not self.instance.pk:
            del self.fields["active"]  # new entries are in use
        if list_name in NESTED_LISTS:
            self.fields["parent"].queryset = Lookup.objects.of(list_name).top_level().exclude(pk=self.instance.pk)
            self.fields["parent"].empty_label = "None: this is a main entry"
            self.fields["parent"].label = "Belongs under"
        else:
            del self.fields["parent"]

    def clean(self):
        data = super().clean()
        label, parent = data.get("label"), data.get("parent")
        if label:
            clash = Lookup.objects.of(self.instance.list_name).filter(label__iexact=label, parent=parent)
            if clash.exclude(pk=self.instance.pk).exists():
                where = f"under '{parent.label}'" if parent else "in this list"
                self.add_error("label", f"'{label}' is already {where}")
        if parent and self.instance.pk and self.instance.children.exists():
            self.add_error("parent", "An entry with its own sub-entries cannot be put under another")
        return data


class ServiceAreaForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = ServiceArea
        fields = ["name", "parent", "manager", "default_procedure", "order", "active"]
        labels = {"parent": "Part of", "active": "In use", "default_procedure": "Default procedure"}
        help_texts = {
            "order": "Areas with lower numbers come first among those in the same place.",
            "default_procedure": "Whose annual report counts the compliments, comments, enquiries and service "
            "requests recorded against this area, unless the officer recording one chooses another. "
            "Complaints follow their own procedure.",
        }
        widgets = {"order": whole_number(4)}
        field_classes = {"manager": StaffChoiceField}
        error_messages = {"name": {"required": "Enter the name"}, "order": order_field_messages("service area")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        at_most(self, ORDER_MOST, "order")
        self.fields["parent"].empty_label = "None: a directorate at the top"
        # A manager whose account has since been switched off stays until someone is chosen.
        self.fields["manager"].offer(Role.values, keep=self.instance.manager_id)
        self.fields["manager"].empty_label = "No manager"
        self.fields["default_procedure"].queryset = Procedure.objects.filter(
            Q(active=True) | Q(pk=self.instance.default_procedure_id)
        )
        self.fields["default_procedure"].empty_label = "The same as the area it is part of"
        if not self.instance.pk:
            del self.fields["active"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        # Paths join names with " > ", so the character would make a path ambiguous.
        if ">" in name:
            raise forms.ValidationError("The name cannot contain >")
        return name

    def clean(self):
        data = super().clean()
        parent, name = data.get("parent"), data.get("name")
        if parent and self.instance.pk and (parent == self.instance or parent.is_descendant_of(self.instance)):
            self.add_error("parent", "A service area cannot be part of itself or of one of its own teams")
        if name and ServiceArea.objects.filter(parent=parent, name__iexact=name).exclude(pk=self.instance.pk).exists():
            self.add_error("name", f"There is already a service area called '{name}' there")
        return data
