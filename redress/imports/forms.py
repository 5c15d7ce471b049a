from django import forms

from redress.forms import NamedErrors

from .labels import ITEM_NAMES, LIST_NAMES, Mapping, entries_for
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


ADD_NEW = "new"


class LabelMappingForm(NamedErrors, forms.Form):
    """For each label the file would add to a list, whether it is new or means an entry the
    council already has; the answers are kept as aliases for the next file."""

    def __init__(self, *args, new_labels: dict[str, list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.labels: list[tuple[str, str, str]] = []  # (field name, list name, label as written)
        for list_title, labels in new_labels.items():
            list_name = LIST_NAMES.get(list_title)
            if list_name is None:
                continue
            item = ITEM_NAMES[list_name]
            for label in labels:
                name = f"label-{len(self.labels)}"
                self.labels.append((name, list_name, label))
                choices = [(ADD_NEW, f"Add as a new {item}")] + [
                    (str(pk), f"Same as: {shown}") for pk, shown in entries_for(list_name, label)
                ]
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    help_text=f"{item.capitalize()} in the file, not in the council's list",
                    choices=choices,
                    initial=ADD_NEW,
                    required=False,  # unanswered: added as new, as before there was a choice
                    error_messages={
                        "required": f"Choose whether '{label}' is a new {item} or the same as one already there",
                        "invalid_choice": f"Choose whether '{label}' is a new {item} or the same as one of "
                        f"the council's {list_title.lower()}",
                    },
                )

    def aliases(self) -> list[Mapping]:
        """The labels mapped onto an existing entry, as the officer chose."""
        return [
            Mapping(list_name, label, int(self.cleaned_data[name]))
            for name, list_name, label in self.labels
            if self.cleaned_data[name] not in ("", ADD_NEW)
        ]
