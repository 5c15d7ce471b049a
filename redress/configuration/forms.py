import calendar

from django import forms
from django.core.validators import FileExtensionValidator
from PIL import Image

from redress.accounts.models import User

from .models import NESTED_LISTS, Council, Lookup, ServiceArea

MAX_LOGO_BYTES = 1024 * 1024


class CouncilForm(forms.ModelForm):
    financial_year_start_month = forms.TypedChoiceField(
        label="Financial year starts in",
        coerce=int,
        choices=[(n, calendar.month_name[n]) for n in range(1, 13)],
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
        ]
        labels = {
            "name": "Council name",
            "logo": "Logo for reports",
            "complaints_email": "Complaints team email",
            "complaints_phone": "Complaints team phone",
        }
        help_texts = {"logo": "A PNG or JPEG image, up to 1 MB."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].validators.append(FileExtensionValidator(["png", "jpg", "jpeg"]))
        self.fields["logo"].widget = forms.FileInput()
        self.fields["reference_format"].widget.attrs["class"] = "govuk-input--width-20"
        self.fields["publication_threshold"].widget.attrs["class"] = "govuk-input--width-3"

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.instance.logo:
            return logo
        if logo.size > MAX_LOGO_BYTES:
            raise forms.ValidationError("The logo must be smaller than 1 MB")
        try:
            image = Image.open(logo)
            image.verify()
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
            raise forms.ValidationError("The logo must be a PNG or JPEG image") from None
        if image.format not in {"PNG", "JPEG"}:
            raise forms.ValidationError("The logo must be a PNG or JPEG image")
        logo.seek(0)
        return logo

    def clean_reference_format(self):
        text = self.cleaned_data["reference_format"]
        if "{number" not in text:
            raise forms.ValidationError("The reference format must include {number}")
        try:
            example = text.format(prefix="ASC", year=2026, number=123)
        except (KeyError, IndexError, ValueError):
            raise forms.ValidationError(
                "The reference format can only use {prefix}, {year} and {number}, like {prefix}-{year}-{number:05d}"
            ) from None
        if len(example) > 40:
            raise forms.ValidationError("The reference format makes references that are too long")
        return text

    def clean_publication_threshold(self):
        value = self.cleaned_data["publication_threshold"]
        if not 2 <= value <= 20:
            raise forms.ValidationError("The threshold for small numbers must be between 2 and 20")
        return value


class LookupForm(forms.ModelForm):
    class Meta:
        model = Lookup
        fields = ["label", "parent", "order", "active"]
        labels = {"active": "In use: offer it on forms"}

    def __init__(self, *args, list_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.list_name = list_name
        self.fields["order"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["order"].help_text = "Lower numbers come first."
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
                self.add_error("label", f"'{label}' is already in this list")
        if parent and self.instance.pk and self.instance.children.exists():
            self.add_error("parent", "An entry with its own sub-entries cannot be put under another")
        return data


class ServiceAreaForm(forms.ModelForm):
    class Meta:
        model = ServiceArea
        fields = ["name", "parent", "manager", "order", "active"]
        labels = {"parent": "Part of", "active": "In use"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].empty_label = "None: a directorate at the top"
        self.fields["manager"].queryset = User.objects.filter(is_active=True)
        self.fields["manager"].empty_label = "No manager"
        self.fields["order"].widget.attrs["class"] = "govuk-input--width-4"

    def clean(self):
        data = super().clean()
        parent, name = data.get("parent"), data.get("name")
        if parent and self.instance.pk and (parent == self.instance or parent.is_descendant_of(self.instance)):
            self.add_error("parent", "A service area cannot be part of itself or of one of its own teams")
        if name and ServiceArea.objects.filter(parent=parent, name__iexact=name).exclude(pk=self.instance.pk).exists():
            self.add_error("name", f"There is already a service area called '{name}' there")
        return data
