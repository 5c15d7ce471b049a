"""The case file: the contact log, case notes and documents staff add to a case, who may add
them, and the case's timeline of events and contacts."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils import timezone

from redress.forms import GovukDateField, NamedErrors

from .actions import CASE_HANDLERS
from .models import Contact, ContactKind, Direction, Representation


def may_add_to(user, case: Representation) -> bool:
    """Who may add contacts, notes, documents and learning actions to a case they can open:
    complaints officers and administrators (every case), investigating officers (their own cases)
    and managers (their service areas' cases and their own). The link officer reads every case
    for the Ombudsman's file, and adds Ombudsman documents on the Ombudsman case instead."""
    return user.is_active and user.role in CASE_HANDLERS and case.is_visible_to(user)


class TimeField(forms.TimeField):
    """A time as people write it: 14:30, 14.30, 2:30pm or 2pm."""

    input_formats = ["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p"]

    def to_python(self, value):
        return super().to_python(value.replace(" ", "").upper() if isinstance(value, str) else value)


class ContactForm(NamedErrors, forms.ModelForm):
    date = GovukDateField(label="Date", past=True)
    time = TimeField(
        label="Time (optional)",
        required=False,
        help_text="For example, 14:30 or 2:30pm.",
        error_messages={"invalid": "Time must be a real time, like 14:30 or 2:30pm"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"}),
    )

    class Meta:
        model = Contact
        fields = ["kind", "direction", "with_whom", "date", "time", "summary"]
        widgets = {
            "kind": forms.RadioSelect,
            "direction": forms.RadioSelect(attrs={"small": True}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"direction": "Which way (optional)", "with_whom": "With whom"}
        help_texts = {
            "with_whom": "For example, the complainant, their advocate or a team manager. Not needed for a case note.",
            "summary": "What was said or agreed.",
        }
        error_messages = {
            "kind": {"required": "Select what it was"},
            "summary": {"required": "Enter a summary"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ContactKind.choices
        self.fields["direction"].choices = [("", "Not applicable"), *Direction.choices]
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind and kind != ContactKind.NOTE and not (data.get("with_whom") or "").strip():
            self.add_error("with_whom", "Enter who the contact was with")
        if kind == ContactKind.NOTE:
            data["direction"] = ""  # a note of the officer's own goes neither way
        return data


class DocumentForm(NamedErrors, forms.Form):
    description = forms.CharField(
        label="What is it?",
        max_length=300,
        help_text="For example, the care plan, notes of the meeting on 3 June, or the complainant's photos.",
        error_messages={"required": "Enter what the document is"},
    )
    file = forms.FileField(label="Upload a file", error_messages={"required": "Select a file"})


@dataclass(frozen=True)
class Entry:
    """One line of a case's timeline: something that happened to it, or a contact."""

    date: object
    stage: object
    what: str
    details: str
    by: object
    moment: object


def timeline(case: Representation) -> list[Entry]:
    """The case's events and contact log together, in the order they happened."""
    entries = [
        Entry(event.date, event.stage, event.get_kind_display(), event.details, event.by, event.at)
        for event in case.events.select_related("by")
    ]
    for contact in case.contacts.select_related("recorded_by"):
        entries.append(Entry(contact.date, "", contact.heading, contact.details, contact.recorded_by, contact.moment))
    return sorted(entries, key=lambda entry: (entry.date, entry.moment))
