from django import forms
from django.utils import timezone

from redress.accounts.pickers import StaffChoiceField
from redress.forms import GovukDateField, NamedErrors

from .models import ActionKind, LearningAction, LearningDecision, Level

REQUIRED = {
    "what_will_change": "Enter what will change",
    "level": "Select the level of the action",
    "kind": "Select the type of action",
    "owner": "Select who owns the action",
    "status": "Select the status",
}


class _LearningForm(NamedErrors, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in REQUIRED:
                field.error_messages["required"] = REQUIRED[name]
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = [choice for choice in field.choices if choice[0]]


class LearningProgressForm(_LearningForm):
    """What the owner or investigating officer records as the action goes along."""

    completed = GovukDateField(label="Date completed", required=False, help_text="Leave blank for today.")

    class Meta:
        model = LearningAction
        fields = ["status", "evidence", "completed"]
        widgets = {"status": forms.RadioSelect}
        help_texts = {"evidence": "Needed to mark it completed: what changed, and where it is recorded."}

    def clean_completed(self):
        completed = self.cleaned_data["completed"]
        if completed and completed > timezone.localdate():
            raise forms.ValidationError("Date completed must be today or in the past")
        return completed


class LearningActionForm(_LearningForm):
    owner = StaffChoiceField(label="Owner", help_text="The member of staff who will make the change.")
    due = GovukDateField(label="Due date")

    class Meta:
        model = LearningAction
        fields = ["what_will_change", "level", "kind", "owner", "due"]
        widgets = {"level": forms.RadioSelect, "kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].offer(keep=self.instance.owner_id)

    def clean_due(self):
        due = self.cleaned_data["due"]
        # An existing action may keep a due date that has since passed; a new date may not be in the past.
        if due < timezone.localdate() and due != self.initial.get("due"):
            raise forms.ValidationError("Due date must be today or in the future")
        return due


class LearningActionEditForm(LearningActionForm, LearningProgressForm):
    """The whole action, and a "you said, we did" example an officer may choose for the annual report."""

    use_as_example = forms.BooleanField(
        label="Use as an example in the annual report",
        required=False,
        help_text="The report prints 'You said' and 'We did' as written here.",
    )

    class Meta(LearningActionForm.Meta):
        fields = LearningActionForm.Meta.fields + LearningProgressForm.Meta.fields + ["you_said", "we_did"]
        widgets = {
            **LearningActionForm.Meta.widgets,
            **LearningProgressForm.Meta.widgets,
            "you_said": forms.Textarea(attrs={"rows": 3}),
            "we_did": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = LearningProgressForm.Meta.help_texts

    def __init__(self, *args, approver, **kwargs):
        super().__init__(*args, **kwargs)
        self.approver = approver
        self.initial["use_as_example"] = self.instance.example_approved_by_id is not None

    def clean(self):
        data = super().clean()
        if data.get("use_as_example"):
            for name, message in [("you_said", "Enter what people said"), ("we_did", "Enter what was done")]:
                if not (data.get(name) or "").strip() and name not in self.errors:
                    self.add_error(name, f"{message}, to use it as an example in the annual report")
        return data

    def save(self, commit=True):
        action = self.instance
        # Whoever ticks the box approves the words as they now stand; unticking withdraws them.
        if not self.cleaned_data["use_as_example"]:
            action.example_approved_by = None
        elif action.example_approved_by_id is None or {"you_said", "we_did"} & set(self.changed_data):
            action.example_approved_by = self.approver
        return super().save(commit)


class LearningDecisionForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = LearningDecision
        fields = ["no_learning_reason"]
        help_texts = {"no_learning_reason": "For example, the fault was a one-off error already put right."}
        error_messages = {"no_learning_reason": {"required": "Enter why there is no learning action"}}


class LearningFilterForm(NamedErrors, forms.Form):
    show = forms.ChoiceField(
        label="Show",
        required=False,
        widget=forms.RadioSelect(attrs={"small": True}),
        choices=[("", "All"), ("open", "Open"), ("overdue", "Overdue"), ("completed", "Completed")],
    )
    level = forms.ChoiceField(label="Level", required=False, choices=[("", "All levels"), *Level.choices])
    kind = forms.ChoiceField(label="Type of action", required=False, choices=[("", "All types"), *ActionKind.choices])
    mine = forms.BooleanField(label="Only actions I own", required=False)

    def narrow(self, actions, user):
        """Apply every filter except `show`, so the counts and the list agree."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("level"):
            actions = actions.filter(level=data["level"])
        if data.get("kind"):
            actions = actions.filter(kind=data["kind"])
        if data.get("mine"):
            actions = actions.filter(owner=user)
        return actions

    def show_only(self, actions, today):
        show = self.cleaned_data.get("show") if self.is_valid() else ""
        if show == "open":
            return actions.open()
        if show == "overdue":
            return actions.overdue(today)
        if show == "completed":
            return actions.completed()
        return actions
