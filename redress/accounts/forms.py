from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from redress.forms import NamedErrors

from . import handover, two_factor
from .models import Role, User, record_account_change
from .pickers import StaffChoiceField


class SignInForm(NamedErrors, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct user name and password. After 5 wrong attempts the "
        "account is locked for 30 minutes.",
        "inactive": "This account has been switched off. Ask your administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "User name"
        # Django only sets the box's maxlength; without the check a longer name reaches the
        # record of failed sign-ins, whose column it does not fit.
        self.fields["username"].validators.append(MaxLengthValidator(User._meta.get_field("username").max_length))
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})


class CodeForm(NamedErrors, forms.Form):
    """The second step of signing in: a code from the authenticator app, or a recovery code.

    `device` is an authenticator being set up, whose first code confirms it."""

    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )

    def __init__(self, *args, user: User, device=None, recovery: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.device, self.recovery = user, device, recovery
        if recovery and not device:
            # The code is all the sign-in page asks for, so its label is the page's heading.
            self.heading_field = "code"
            self.fields["code"].label = "Enter the code from your authenticator app"
            self.fields["code"].help_text = (
                "The 6 numbers the app shows now. If you do not have your phone, enter one of your "
                "recovery codes instead: each works once."
            )
        else:
            self.fields["code"].help_text = "The 6 numbers the app shows now."
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        self.accepted_by = two_factor.check_code(
            self.user, self.cleaned_data["code"], device=self.device, recovery=self.recovery
        )
        return self.cleaned_data["code"]


class StaffForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "job_title", "role", "is_active"]
        labels = {"username": "User name", "email": "Email address", "is_active": "Can sign in"}
        help_texts = {"username": "What they type to sign in: letters, numbers and @ . + - _ only."}
        widgets = {
            "username": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "role": forms.RadioSelect,
        }
        error_messages = {
            "username": {
                "required": "Enter a user name",
                "unique": "There is already an account with that user name",
                "invalid": "The user name can only contain letters, numbers and @ . + - _",
            },
            "first_name": {"required": "Enter their first name"},
            "last_name": {"required": "Enter their last name"},
            "email": {
                "required": "Enter their email address",
                "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
            },
            "role": {"required": "Select their role"},
        }

    def __init__(self, *args, editor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        after = "They will have to change it to one only they know when they next sign in."
        if self.instance.pk:
            del self.fields["username"]  # a sign-in name stays as first given
            if self.instance.pk != editor.pk:  # their own is changed on its own page, with the current one
                self.fields["password"] = self._password(
                    "New password", f"Only to reset a forgotten password: leave it blank otherwise. {after}", False
                )
        else:
            del self.fields["is_active"]
            # GOV.UK radios start with nothing chosen, so that a role is picked on purpose.
            self.initial.pop("role")
            self.fields["role"].initial = None
            self.fields["password"] = self._password("First password", f"Give it to them in person. {after}", True)

    @staticmethod
    def _password(label: str, hint: str, required: bool) -> forms.CharField:
        return forms.CharField(
            label=label,
            required=required,
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=f"At least 12 characters, not a common password, and not containing their name. {hint}",
            error_messages={"required": "Enter a first password"},
        )

    def clean(self):
        data = super().clean()
        if self.instance.pk == self.editor.pk:
            if data.get("role") and data["role"] != Role.ADMINISTRATOR:
                self.add_error("role", "You cannot take away your own administrator role")
            if data.get("is_active") is False:
                self.add_error("is_active", "You cannot switch off your own account")
        password = data.get("password")
        if password:
            candidate = User(
                username=data.get("username") or self.instance.username,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        password_set = bool(self.cleaned_data.get("password"))
        if password_set:
            user.set_password(self.cleaned_data["password"])  # which also ends their sessions
            user.must_change_password = True
        if commit:
            user.save()
            if password_set:
                record_account_change(user, self.editor, "password", "", "set by an administrator")
        return user


class HandoverForm(NamedErrors, forms.Form):
    """Who takes on a leaver's open work; posted again, with `confirmed`, from the page that says
    how much moves."""

    receiver = StaffChoiceField(
        label="Who will take on their work?",
        help_text="Only people whose role lets them hold all of it are listed.",
        empty_label="Select a person",
        error_messages={
            "required": "Select who will take on their work",
            "invalid_choice": "Select who will take on their work from the list",
        },
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, person: User, work: handover.OpenWork, **kwargs):
        super().__init__(*args, **kwargs)
        self.person, self.work = person, work
        self.fields["receiver"].offer(work.receivers(), excluding=person)

    def clean_receiver(self):
        receiver = self.cleaned_data["receiver"]
        handover.check_receiver(self.person, receiver, self.work)
        return receiver
