from django import forms

from redress.forms import NamedErrors

from .models import ImportKind

MAX_UPLOAD_BYTES = 60 * 1024 * 1024


class UploadForm(NamedErrors, forms.Form):
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the file holds"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file saved as UTF-8, or an Excel workbook (.xlsx), up to 60 MB.",
        error_messages={"required": "Choose a CSV or Excel file to upload"},
    )
    strict = forms.BooleanField(
        label="Strict: treat labels the council has not set up as errors",
        required=False,
        help_text="Otherwise new methods, service areas, categories and other labels are added to the lists.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a .csv or .xlsx file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 60 MB: split it by year")
        if upload.size == 0:
            raise forms.ValidationError("The file is empty")
        return upload
