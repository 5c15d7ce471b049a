"""The forms behind each workflow action on a case, and who may take it."""

from django import forms
from django.utils import timezone

from redress.accounts.models import Role
from redress.accounts.pickers import ALLOCATABLE, StaffChoiceField
from redress.configuration.forms import whole_number
from redress.configuration.models import Lookup, LookupList
from redress.forms import AMOUNT_MESSAGES, GovukDateField, ModelMultipleChoiceField, NamedErrors
from redress.procedures.models import Procedure

from . import findings, workflow
from .models import (
    Concern,
    Finding,
    Investigator,
    Kind,
    Outcome,
    Redirection,
    Remedy,
    Response,
    Restriction,
    RiskRating,
)

EDITORS = {Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER}
# Investigating officers and managers agree extensions and send responses on cases they can see.
CASE_HANDLERS = EDITORS | {Role.INVESTIGATING_OFFICER, Role.MANAGER}


class ActionForm(NamedErrors, forms.Form):
    date = GovukDateField(label="Date")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future")
        if date < self.case.received:
            raise forms.ValidationError("The date cannot be before the complaint was received")
        return date

    def arguments(self) -> dict:
        return dict(self.cleaned_data)


class TriageForm(ActionForm):
    decision = forms.ChoiceField(
        label="How will it be handled?",
        widget=forms.RadioSelect,
        choices=[
            ("complaint", "As a complaint under its procedure"),
            ("early_resolution", "Resolved by the end of the next working day: record it as an initial enquiry"),
            ("service_request", "It is a first request for a service, not a complaint"),
            ("ineligible", "Not under any complaints procedure: redirect it"),
        ],
    )
    redirected_to = forms.ChoiceField(label="Redirected to", required=False, choices=[("", "Not redirected")])
    safeguarding = forms.TypedChoiceField(
        label="Is anyone at risk of harm or abuse?",
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("no", "No"), ("yes", "Yes: refer to the safeguarding team and pause the complaint")],
    )
    reason = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["redirected_to"].choices += Redirection.choices
        if not self.case.is_complaint:
            kind = self.case.get_kind_display().lower()
            self.fields["decision"].choices = [
                ("record", f"Record it as a {kind}"),
                ("complaint", "It is a complaint: handle it under the complaints procedure"),
            ]
            del self.fields["redirected_to"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "ineligible" and not data.get("redirected_to"):
            self.add_error("redirected_to", "Select where it was redirected to")
        return data


class AllocateForm(ActionForm):
    officer = StaffChoiceField(label="Investigating officer")
    independent_person = forms.CharField(
        label="Independent Person",
        required=False,
        max_length=200,
        help_text="Children's stage 2 only: someone who is not an employee.",
        error_messages={"max_length": "The Independent Person's name must be 200 characters or fewer"},
    )
    investigator = forms.ChoiceField(
        label="Is the investigation external?",
        widget=forms.RadioSelect,
        choices=[(Investigator.INTERNAL, "No: the investigating officer is from within the council")]
        + [(Investigator.EXTERNAL, "Yes: the investigating officer is from outside the council")],
        error_messages={"required": "Select whether the investigation is external"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].offer(ALLOCATABLE)
        if not (self.case.procedure and self.case.procedure.code == "children" and self.case.stage == 2):
            del self.fields["independent_person"]
        if self.case.stage == 2:
            self.initial["investigator"] = self.case.stage2_investigator
        else:
            del self.fields["investigator"]

    def clean(self):
        data = super().clean()
        if "independent_person" in self.fields and not data.get("independent_person"):
            self.add_error("independent_person", "Enter the Independent Person for the stage 2 investigation")
        return data


class PanelForm(ActionForm):
    """The review panel's meeting: its date and its three members, one of them the chair."""

    chair = forms.TypedChoiceField(
        label="Who chairs the panel?",
        widget=forms.RadioSelect,
        coerce=int,
        choices=[(i, f"Member {i + 1}") for i in range(workflow.PANEL_SIZE)],
        error_messages={
            "required": "Select which member chairs the panel",
            "invalid_choice": "Select which member chairs the panel: member 1, 2 or 3",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].label = "Date the panel met"
        chair = self.fields.pop("chair")
        for i in range(1, workflow.PANEL_SIZE + 1):
            for part, label in (("name", "Name"), ("role", "Role")):
                self.fields[f"member{i}_{part}"] = forms.CharField(
                    label=f"Member {i}: {label.lower()}",
                    max_length=200,
                    help_text="For example, independent person or independent chair" if part == "role" else "",
                    error_messages={
                        "required": f"Enter member {i}'s {label.lower()}",
                        "max_length": f"Member {i}'s {label.lower()} must be 200 characters or fewer",
                    },
                )
        self.fields["chair"] = chair

    def arguments(self) -> dict:
        data = self.cleaned_data
        members = [(data[f"member{i}_name"], data[f"member{i}_role"]) for i in range(1, workflow.PANEL_SIZE + 1)]
        return {"date": data["date"], "members": members, "chair": data["chair"]}


class PanelResponseForm(ActionForm):
    """The council's response to each recommendation: accepted, or not accepted with reasons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].label = "Date of the council's response"
        self.recommendations = list(self.case.panel_recommendations.all())
        for number, recommendation in enumerate(self.recommendations, 1):
            self.fields[f"response_{recommendation.pk}"] = forms.ChoiceField(
                label=f"Recommendation {number}: {recommendation.text}",
                widget=forms.RadioSelect,
                choices=Response.choices,
                initial=recommendation.response,
                error_messages={"required": f"Select whether the council accepts recommendation {number}"},
            )
            self.fields[f"reasons_{recommendation.pk}"] = forms.CharField(
                label=f"Reasons for not accepting recommendation {number}",
                required=False,
                initial=recommendation.reasons,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean(self):
        data = super().clean()
        for number, recommendation in enumerate(self.recommendations, 1):
            if (
                data.get(f"response_{recommendation.pk}") == Response.NOT_ACCEPTED
                and not data.get(f"reasons_{recommendation.pk}", "").strip()
            ):
                self.add_error(
                    f"reasons_{recommendation.pk}", f"Give the reasons for not accepting recommendation {number}"
                )
        return data

    def arguments(self) -> dict:
        data = self.cleaned_data
        responses = {r.pk: (data[f"response_{r.pk}"], data[f"reasons_{r.pk}"]) for r in self.recommendations}
        return {"date": data["date"], "responses": responses}


class ExtendForm(ActionForm):
    new_due = GovukDateField(label="New response date")
    agreed_on = GovukDateField(label="Date agreed with the complainant")
    reason = forms.CharField(label="Reason for the extension", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = workflow.extension_limit(self.case)
        if limit:
            self.fields["new_due"].help_text = f"No later than {limit:%-d %B %Y}, the procedure's longest."


class TodayForm(ActionForm):
    """An action recorded as done today, such as a correction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["date"]

    def arguments(self) -> dict:
        return {**self.cleaned_data, "date": timezone.localdate()}


class RecommendationForm(TodayForm):
    text = forms.CharField(
        label="Recommendation",
        help_text="As the panel's report words it.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the recommendation",
            "max_length": "The recommendation must be 5,000 characters or fewer",
        },
    )

    def arguments(self) -> dict:
        return {"text": self.cleaned_data["text"]}


class ChangeExtensionForm(TodayForm):
    change = forms.ChoiceField(
        label="What needs putting right?",
        widget=forms.RadioSelect,
        choices=[
            ("withdraw", "It was agreed by mistake: withdraw it"),
            ("correct", "The date is wrong: correct it"),
        ],
    )
    new_due = GovukDateField(label="The agreed response date", required=False)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("change") == "correct" and not data.get("new_due") and "new_due" not in self.errors:
            self.add_error("new_due", "Enter the agreed response date")
        return data

    def arguments(self) -> dict:
        data = super().arguments()
        return {
            "date": data["date"],
            "reason": data["reason"],
            "new_due": data["new_due"] if data["change"] == "correct" else None,
        }


class CorrectDateForm(TodayForm):
    field = forms.ChoiceField(label="Which date is wrong?", widget=forms.RadioSelect)
    value = GovukDateField(label="The right date", past=True)
    reason = forms.CharField(
        label="Reason for the correction",
        help_text="For example, the date was typed wrongly from the letter.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            (name, f"{label}: {getattr(self.case, name):%-d %B %Y}")
            for name, label in workflow.correctable_dates(self.case)
        ]


class TimescaleForm(TodayForm):
    risk = forms.ChoiceField(label="Risk rating", widget=forms.RadioSelect, required=False)
    target_days = forms.IntegerField(
        label="Or a timescale of its own, in working days",
        required=False,
        min_value=1,
        max_value=130,
        widget=whole_number(),
        help_text="Only when agreed with the complainant for this complaint.",
        error_messages={
            "invalid": "The timescale must be a whole number of working days, like 25",
            "min_value": "The timescale must be at least 1 working day",
            "max_value": "The timescale must be 130 working days or fewer",
        },
    )
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        procedure = self.case.procedure
        if procedure.risk_days("green"):
            self.fields["risk"].choices = [("", f"Not rated: {procedure.stage(1).target_days} working days")] + [
                (value, f"{label}: {procedure.risk_days(value)} working days") for value, label in RiskRating.choices
            ]
            self.initial["risk"] = self.case.risk
        else:
            del self.fields["risk"]
        self.initial["target_days"] = self.case.target_days


class PauseForm(ActionForm):
    reason = forms.CharField(
        label="Why the clock is stopping",
        help_text="For example, waiting for consent",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RespondForm(ActionForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "As the findings on the concerns say")] + [c for c in Outcome.choices if c[0] != "withdrawn"],
    )
    override_reason = forms.CharField(
        label="Reason for an outcome different from the findings",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(ActionForm):
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EscalateForm(ActionForm):
    reason = forms.CharField(
        label="Reason for accepting a late request",
        required=False,
        help_text="Only if the request came after the time the procedure allows.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(ActionForm):
    reason = forms.CharField(label="Reason for reopening", widget=forms.Textarea(attrs={"rows": 3}))


class SplitForm(ActionForm):
    concerns = ModelMultipleChoiceField(
        label="Which concerns belong to another procedure?",
        queryset=Concern.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    procedure = forms.ModelChoiceField(
        label="Which procedure do they belong to?",
        queryset=Procedure.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"].queryset = self.case.concerns.all()
        self.fields["procedure"].queryset = Procedure.objects.filter(active=True).exclude(pk=self.case.procedure_id)


class QuoteForm(TodayForm):
    """The words of a compliment the annual report may print, and the member of staff's
    confirmation that printing them is safe and agreed."""

    quote = forms.CharField(
        label="Words the annual report may quote",
        help_text="Write them as they should appear in print. Leave out names, places, dates and "
        "anything else that could identify someone.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={
            "required": "Enter the words the annual report may quote",
            "max_length": "The words to quote must be 1,000 characters or fewer",
        },
    )
    confirmed = forms.BooleanField(
        label="These words identify no one and the person agreed to be quoted",
        error_messages={"required": "Confirm that the words identify no one and the person agreed to be quoted"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["quote"] = self.case.quote

    def clean_quote(self):
        quote = self.cleaned_data["quote"].strip()
        if not quote:
            raise forms.ValidationError("Enter the words the annual report may quote")
        return quote

    def arguments(self) -> dict:
        return {"quote": self.cleaned_data["quote"]}


class WithdrawQuoteForm(TodayForm):
    def arguments(self) -> dict:
        return {}


def approve_quote(case, *, by, quote: str) -> None:
    """The words become the compliment's quote, approved by this member of staff now."""
    case.quote, case.quote_approved_by, case.quote_approved = quote, by, timezone.now()
    case.save(update_fields=["quote", "quote_approved_by", "quote_approved"])


def withdraw_quote(case, *, by) -> None:
    """The report stops quoting the compliment; the words stay on the case, unapproved."""
    case.quote_approved_by, case.quote_approved = None, None
    case.save(update_fields=["quote_approved_by", "quote_approved"])


def _compliment(case) -> bool:
    return case.kind == Kind.COMPLIMENT


class Action:
    """A workflow step. Steps are for complaints, unless `any_kind` (triage, which also routes
    compliments and comments sent through the online form)."""

    def __init__(self, label, form, run, roles=EDITORS, when=lambda case: True, any_kind=False):
        self.label, self.form, self.run, self.roles, self.when = label, form, run, roles, when
        self.any_kind = any_kind

    def allowed(self, user, case) -> bool:
        return user.role in self.roles and (self.any_kind or case.is_complaint) and self.when(case)


def _open(case) -> bool:
    return not case.closed


def _panel_stage(case) -> bool:
    return bool(case.procedure) and case.procedure.code == "children" and case.stage == 3


def _has(case, kind: str) -> bool:
    return case.events.filter(kind=kind, stage=case.stage).exists()


def _awaiting_acknowledgement(case) -> bool:
    return _open(case) and workflow.needs_acknowledgement(case) and not workflow.stage_acknowledged(case)


ACTIONS = {
    "triage": Action("Triage", TriageForm, workflow.triage, when=lambda c: _open(c) and not c.triaged, any_kind=True),
    "acknowledge": Action(
        "Record the acknowledgement", ActionForm, workflow.acknowledge, when=_awaiting_acknowledgement
    ),
    "timescale": Action(
        "Set the timescale",
        TimescaleForm,
        workflow.set_timescale,
        when=lambda c: _open(c) and c.procedure is not None and c.stage == 1 and not c.stage1_response,
    ),
    "allocate": Action("Allocate", AllocateForm, workflow.allocate, when=_open),
    "extend": Action(
        "Agree an extension", ExtendForm, workflow.extend, CASE_HANDLERS, when=lambda c: _open(c) and bool(c.due)
    ),
    "change-extension": Action(
        "Withdraw or correct the extension",
        ChangeExtensionForm,
        workflow.change_extension,
        CASE_HANDLERS,
        when=lambda c: _open(c) and workflow.agreed_extension(list(c.events.all()), c.stage) is not None,
    ),
    "pause": Action(
        "Pause the clock", PauseForm, workflow.pause, when=lambda c: _open(c) and not c.paused_since and bool(c.due)
    ),
    "resume": Action("Restart the clock", ActionForm, workflow.resume, when=lambda c: bool(c.paused_since)),
    "panel-held": Action(
        "Record the review panel meeting",
        PanelForm,
        workflow.panel_held,
        when=lambda c: _open(c) and _panel_stage(c) and not _has(c, "panel_held"),
    ),
    "panel-report": Action(
        "Record the panel's report",
        ActionForm,
        workflow.panel_reported,
        when=lambda c: _open(c) and _panel_stage(c) and _has(c, "panel_held") and not _has(c, "panel_reported"),
    ),
    "panel-recommendation": Action(
        "Add a panel recommendation",
        RecommendationForm,
        workflow.add_recommendation,
        when=lambda c: _open(c) and _panel_stage(c) and _has(c, "panel_reported"),
    ),
    "panel-response": Action(
        "Record the council's response to the recommendations",
        PanelResponseForm,
        workflow.respond_to_panel,
        when=lambda c: _open(c) and _panel_stage(c) and c.panel_recommendations.exists(),
    ),
    "respond": Action(
        "Record the response", RespondForm, workflow.respond, CASE_HANDLERS, when=lambda c: _open(c) and bool(c.due)
    ),
    "escalate": Action(
        "Record a request for the next stage",
        EscalateForm,
        workflow.escalate,
        when=lambda c: (
            _open(c)
            and bool(getattr(c, f"stage{c.stage}_response"))
            and c.procedure is not None
            and c.procedure.stage(c.stage + 1) is not None
        ),
    ),
    "split": Action(
        "Split into two complaints", SplitForm, workflow.split, when=lambda c: _open(c) and c.concerns.count() > 1
    ),
    "withdraw": Action("Withdraw", WithdrawForm, workflow.withdraw, when=_open),
    "close": Action("Close", ActionForm, workflow.close, when=_open),
    "reopen": Action("Reopen", ReopenForm, workflow.reopen, when=lambda c: bool(c.closed)),
    "correct-date": Action("Correct a date", CorrectDateForm, workflow.correct_date),
    "quote": Action("Choose words to quote", QuoteForm, approve_quote, when=_compliment, any_kind=True),
    "withdraw-quote": Action(
        "Stop quoting it",
        WithdrawQuoteForm,
        withdraw_quote,
        when=lambda c: _compliment(c) and c.quote_approved_by_id is not None,
        any_kind=True,
    ),
}


class StageFindingsForm(NamedErrors, forms.Form):
    """One stage's findings: a finding and what was found on each of the case's concerns, and
    the stage's narrative. Built from the case's own concerns, so a tampered form can name no other."""

    narrative = forms.CharField(
        label="What the investigation found",
        required=False,
        max_length=20000,
        help_text="The stage's findings in the words of its response.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "What the investigation found must be 20,000 characters or fewer"},
    )

    def __init__(self, *args, case, stage: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.case, self.stage = case, stage
        current = findings.stage_findings(case, stage)
        self.initial["narrative"] = current.narrative
        self.concerns, self.concern_ids = [], [concern.pk for concern, _ in current.concerns]
        narrative = self.fields.pop("narrative")
        for number, (concern, found) in enumerate(current.concerns, 1):
            name = f"{concern}{f': {concern.description}' if concern.description else ''}"
            self.fields[f"finding_{concern.pk}"] = forms.ChoiceField(
                label=f"Finding on concern {number}",
                widget=forms.RadioSelect,
                required=False,
                choices=[("", "No finding yet"), *Finding.choices],
                initial=found.finding if found else "",
                error_messages={"invalid_choice": f"Choose a finding on concern {number} that is offered"},
            )
            self.fields[f"narrative_{concern.pk}"] = forms.CharField(
                label=f"What was found on concern {number}",
                help_text="How it was looked into and what was found, in words the complainant will read.",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=found.narrative if found else "",
                error_messages={"max_length": f"What was found on concern {number} must be 5,000 characters or fewer"},
            )
            self.concerns.append((number, name, self[f"finding_{concern.pk}"], self[f"narrative_{concern.pk}"]))
        self.fields["narrative"] = narrative

    def save(self) -> None:
        data = self.cleaned_data
        findings.record_findings(
            self.case,
            self.stage,
            {pk: (data[f"finding_{pk}"], data[f"narrative_{pk}"].strip()) for pk in self.concern_ids},
            data["narrative"].strip(),
        )


class RemedyForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = Remedy
        fields = ["kind", "amount", "approved_by", "details"]
        labels = {"kind": "Remedy"}
        widgets = {
            "amount": forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
            "details": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"amount": AMOUNT_MESSAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = Lookup.objects.of(LookupList.REMEDY_TYPE).active()

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(AMOUNT_MESSAGES["min_value"])
        return amount

    def clean(self):
        data = super().clean()
        if data.get("amount") and not data.get("approved_by"):
            self.add_error("approved_by", "Enter who approved the payment")
        kind = data.get("kind")
        money = ("payment", "financial", "refund")
        paid = data.get("amount") or "amount" in self.errors
        if kind and any(word in kind.label.lower() for word in money) and not paid:
            self.add_error("amount", "Enter the amount paid")
        return data


class RestrictionForm(NamedErrors, forms.ModelForm):
    starts = GovukDateField(label="Starts")
    review = GovukDateField(label="Review by")

    class Meta:
        model = Restriction
        fields = ["terms", "starts", "review"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("review") and data["review"] <= data["starts"]:
            self.add_error("review", "The review date must be after the start")
        return data
