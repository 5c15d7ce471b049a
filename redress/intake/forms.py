from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from redress.forms import NamedErrors


class UploadForm(NamedErrors, forms.Form):
    file = forms.FileField(
        label=_("Upload a file"),
        required=False,
        error_messages={"empty": _("The selected file is empty"), "invalid": _("The selected file could not be read")},
        help_text=_("PDF, Word document, JPG, PNG or text file, up to %(size)sMB each."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"size": settings.ATTACHMENT_MAX_MB}


class TrackForm(NamedErrors, forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=40,
        help_text=_("It is in the email we sent you, like ASC-2026-00123."),
        error_messages={
            "required": _("Enter your reference number"),
            "max_length": _("Your answer must be %(limit_value)d characters or fewer"),
        },
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The email address you gave us."),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your answer must be %(limit_value)d characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class CodeForm(NamedErrors, forms.Form):
    code = forms.RegexField(
        label=_("Enter the code"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_("It is 6 numbers, in the email we have just sent you."),
        error_messages={"required": _("Enter the code"), "invalid": _("The code is 6 numbers, like 123456")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "class": "govuk-input--width-5"}
        ),
    )


class AddInformationForm(NamedErrors, forms.Form):
    text = forms.CharField(
        label=_("What would you like to tell us?"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("Your answer must be %(limit_value)d characters or fewer")},
    )
    file = forms.FileField(
        label=_("Add a document or photo (optional)"),
        required=False,
        error_messages={"empty": _("The selected file is empty"), "invalid": _("The selected file could not be read")},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text", "").strip() or data.get("file")):
            self.add_error("text", _("Enter what you would like to tell us, or choose a file"))
        return data
