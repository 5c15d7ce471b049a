"""Changing a password, and resetting a forgotten one by email, on Django's own views with
GOV.UK pages. The rules a new password must pass are in password_rules.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy

from redress.configuration.models import Council
from redress.forms import NamedErrors
from redress.intake import throttle

MISMATCH = "The passwords do not match: type the same new password twice"
RULES = (
    "At least 12 characters. It cannot be a common password (even with numbers or symbols added), "
    "one character repeated, or contain your name, your user name or the council's name. "
    "Three or four random words make a good one."
)
# Each field's label and the message when it is left empty.
FIELDS = {
    "old_password": ("Current password", "Enter your current password"),
    "new_password1": ("New password", "Enter a new password"),
    "new_password2": ("New password again", "Enter the new password again"),
}


class GovukPasswords(NamedErrors):
    """Django's password forms in the GOV.UK Design System's words. A password the person chose
    themselves ends the request to change one an administrator set."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label, field.error_messages["required"] = FIELDS[name]
            field.help_text = RULES if name == "new_password1" else ""
            field.widget.attrs.pop("autofocus", None)  # GOV.UK pages leave focus where it is

    def save(self, commit=True):
        self.user.must_change_password = False
        return super().save(commit)


class ChangePasswordForm(GovukPasswords, auth_forms.PasswordChangeForm):
    error_messages = {
        "password_incorrect": "Your current password is wrong: type it again",
        "password_mismatch": MISMATCH,
    }


class NewPasswordForm(GovukPasswords, auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": MISMATCH}


class ResetRequestForm(NamedErrors, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The address your administrator gave your account."
        email.widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        email.error_messages["required"] = "Enter your email address"


class ChangePassword(auth_views.PasswordChangeView):
    """Their own password, which needs the current one; also where someone is sent, from every
    page, when an administrator set their password (sessions.SessionLimits)."""

    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("cases:home")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session; others end with the old password
        messages.success(self.request, "Your password has been changed")
        return response


class ResetRequest(auth_views.PasswordResetView):
    """The same answer whether or not the address has an account, so no one can find out who does."""

    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form):
        # Past the limits nothing is sent, and the answer is the same, so nobody can fill a
        # colleague's inbox with reset emails or learn that they tried too often.
        email = form.cleaned_data["email"].strip().lower()
        if throttle.allow(self.request, "password-reset") and throttle.allow_for("password-reset-email", email):
            return super().form_valid(form)
        return redirect(self.success_url)

    @property
    def extra_email_context(self):
        # Links start with SITE_URL, never the Host the request claimed.
        return {
            "site_url": settings.SITE_URL,
            "minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
            "council": Council.current(),
        }


class ResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(minutes=settings.PASSWORD_RESET_TIMEOUT // 60, **kwargs)


class ResetChoose(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_choose.html"
    success_url = reverse_lazy("accounts:password-reset-done")


class ResetDone(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"
