from django import forms
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.accounts.pickers import StaffChoiceField
from redress.forms import GovukDateField, NamedErrors

from .models import Task


def people_who_can_open(case):
    """The staff a task on this case may be assigned to."""
    staff = User.objects.filter(is_active=True).exclude(role=Role.REPORTING)
    return staff.filter(pk__in=[person.pk for person in staff if person.sees_all_cases or case.is_visible_to(person)])


class TaskForm(NamedErrors, forms.ModelForm):
    due = GovukDateField(label="Due date", help_text="For example, 27 3 2026. You are reminded by email on the day.")
    assigned_to = StaffChoiceField(
        label="Assigned to",
        help_text="Only people who can open this case are listed.",
        error_messages={"invalid_choice": "Choose someone who can open this case"},
    )

    class Meta:
        model = Task
        fields = ["what", "due", "assigned_to"]
        widgets = {"what": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = people_who_can_open(self.instance.case).order_by(
            "first_name", "last_name", "username"
        )

    def clean_due(self):
        due = self.cleaned_data["due"]
        if due < timezone.localdate():
            raise forms.ValidationError("Due date must be today or in the future")
        return due
