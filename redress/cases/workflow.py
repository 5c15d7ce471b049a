"""The complaint workflow: each action records an event and works out the case's deadlines again.

Rules live here as plain functions so that views, the reminder run and tests call the same code.
Timescales come from the council's procedure settings (docs/procedures.md gives the defaults)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from redress.learning.rules import closure_blockers as learning_blockers
from redress.procedures.calendar import WorkingDayCalendar, current_calendar
from redress.procedures.models import CountedFrom

from .models import CaseEvent, Concern, EventKind, Kind, Outcome, Redirection, Representation

DUE_SOON_DAYS = 5
PANEL_REPORT_DAYS = 5
PANEL_RESPONSE_DAYS = 15
TRIAGE_DECISIONS = [
    ("complaint", "Handled as a complaint"),
    ("record", "Recorded as it is"),
    ("early_resolution", "Resolved by the next working day: recorded as an initial enquiry"),
    ("service_request", "A request for service, not a complaint"),
    ("ineligible", "Redirected"),
]


def stage_start(case: Representation, calendar: WorkingDayCalendar) -> dt.date | None:
    """The day the current stage's clock starts (day 0)."""
    procedure = case.procedure
    stage = procedure.stage(case.stage) if procedure else None
    if case.stage == 1:
        start = case.received
        if stage and stage.counted_from == CountedFrom.ACKNOWLEDGED:
            # Complaint Handling Code: the response is due N days after the acknowledgement.
            start = case.acknowledged or case.acknowledgement_due
        return start
    requested = getattr(case, f"stage{case.stage}_requested")
    if requested and stage and stage.counted_from == CountedFrom.ACKNOWLEDGED:
        return calendar.add_working_days(requested, procedure.acknowledgement_days)
    return requested


def target_days(case: Representation) -> int | None:
    procedure = case.procedure
    if procedure is None:
        return None
    if case.stage == 1:
        if case.target_days:
            return case.target_days
        if case.risk and procedure.risk_days(case.risk):
            return procedure.risk_days(case.risk)
    stage = procedure.stage(case.stage)
    return stage.target_days if stage else None


def stage1_on_time(case: Representation, calendar: WorkingDayCalendar) -> bool:
    """Whether the stage 1 response went within its timescale, or by the date agreed in an extension."""
    procedure, response = case.procedure, case.stage1_response
    stage = procedure.stage(1)
    start = case.received
    if stage.counted_from == CountedFrom.ACKNOWLEDGED:
        start = case.acknowledged or calendar.add_working_days(case.received, procedure.acknowledgement_days)
    target = case.target_days or procedure.risk_days(case.risk) or stage.target_days
    extended = case.stage == 1 and case.extended_to is not None and response <= case.extended_to
    return calendar.working_days(start, response) <= target or extended


def paused_days(events: list[CaseEvent], stage: int, today: dt.date, calendar: WorkingDayCalendar):
    """Working days the clock was stopped in this stage, and the start of a pause still running."""
    total, since = 0, None
    for event in events:
        if event.stage != stage:
            continue
        if event.kind == EventKind.PAUSED and since is None:
            since = event.date
        elif event.kind == EventKind.RESUMED and since is not None:
            total += calendar.working_days(since, event.date)
            since = None
    if since is not None:
        total += calendar.working_days(since, today)
    return total, since


def recompute(case: Representation, today: dt.date | None = None) -> None:
    """Work out the acknowledgement and response due dates from the case and its events."""
    today = today or timezone.localdate()
    calendar = current_calendar()
    procedure = case.procedure
    events = list(case.events.all()) if case.pk else []
    case.acknowledgement_due = (
        calendar.add_working_days(case.received, procedure.acknowledgement_days) if procedure else None
    )
    case.stage_started = stage_start(case, calendar) if procedure else None
    paused, case.paused_since = paused_days(events, case.stage, today, calendar)
    answered = getattr(case, f"stage{case.stage}_response")
    target = target_days(case)
    if case.closed or answered or case.ineligible or not case.stage_started or target is None:
        case.due = None
        return
    case.due = calendar.add_working_days(case.stage_started, target + paused)
    extensions = [e for e in events if e.kind == EventKind.EXTENDED and e.stage == case.stage]
    if extensions:
        case.due = extensions[-1].due
    # Children Act 1989 procedure, stage 3: the panel's report within 5 working days of the panel,
    # and the council's response within 15 working days of the report.
    panel = {e.kind: e.date for e in events if e.stage == case.stage}
    if EventKind.PANEL_REPORTED in panel:
        case.due = calendar.add_working_days(panel[EventKind.PANEL_REPORTED], PANEL_RESPONSE_DAYS)
    elif EventKind.PANEL_HELD in panel:
        case.due = calendar.add_working_days(panel[EventKind.PANEL_HELD], PANEL_REPORT_DAYS)


def rag(case: Representation, today: dt.date | None = None) -> str:
    """Red, amber or green, in words: overdue, due soon, on track (or paused, or nothing due)."""
    today = today or timezone.localdate()
    if case.paused_since:
        return "paused"
    if not case.due:
        return ""
    if today > case.due:
        return "overdue"
    if current_calendar().working_days(today, case.due) <= DUE_SOON_DAYS:
        return "due soon"
    return "on track"


def six_month_limit(case: Representation) -> dt.date | None:
    """Adult Regulations: respond within six months of receipt unless the complainant agrees."""
    if not (case.procedure and case.procedure.six_month_limit):
        return None
    received = case.received
    year, month = divmod(received.month + 5, 12)
    year, month = received.year + year, month + 1
    return dt.date(year, month, min(received.day, calendar.monthrange(year, month)[1]))


def _record(case: Representation, kind: str, by, date: dt.date, **fields) -> CaseEvent:
    event = CaseEvent.objects.create(case=case, kind=kind, stage=case.stage, date=date, by=by, **fields)
    recompute(case)
    case.save()
    return event


def _require_open(case: Representation) -> None:
    if case.closed:
        raise ValidationError("This case is closed: reopen it first")


@transaction.atomic
def triage(
    case,
    *,
    by,
    date,
    decision: str = "complaint",
    safeguarding: bool = False,
    redirected_to: str = "",
    reason: str = "",
) -> None:
    """Decide the route. Early resolution and service requests are recorded but not counted as
    complaints; an ineligible contact is redirected and closed."""
    _require_open(case)
    case.triaged = True
    if decision == "record":
        # A compliment or comment from the online form, checked and kept as it is.
        _record(case, EventKind.TRIAGED, by, date, reason=reason)
        return
    if decision == "complaint" and not case.is_complaint:
        case.kind = Kind.COMPLAINT  # the person chose the wrong kind; the reference stays
    if decision in {"early_resolution", "service_request"}:
        case.kind = Kind.ENQUIRY if decision == "early_resolution" else Kind.SERVICE_REQUEST
        case.closed = date
        _record(case, EventKind.TRIAGED, by, date, reason=f"{dict(TRIAGE_DECISIONS)[decision]}. {reason}".strip())
        return
    if decision == "ineligible":
        case.ineligible, case.procedure, case.redirected_to, case.closed = True, None, redirected_to, date
        _record(case, EventKind.TRIAGED, by, date, reason=f"Redirected: {Redirection(redirected_to).label}. {reason}")
        return
    if safeguarding:
        # Safeguarding comes first: the complaint waits while the safeguarding team acts.
        case.safeguarding = True
        _record(case, EventKind.SAFEGUARDING, by, date, reason=reason)
        _record(case, EventKind.PAUSED, by, date, reason="Referred to safeguarding")
    else:
        _record(case, EventKind.TRIAGED, by, date, reason=reason)


@transaction.atomic
def acknowledge(case, *, by, date) -> None:
    _require_open(case)
    if date < case.received:
        raise ValidationError("The acknowledgement cannot be before the complaint was received")
    case.acknowledged = date
    _record(case, EventKind.ACKNOWLEDGED, by, date)


@transaction.atomic
def allocate(case, *, by, date, officer, independent_person: str = "") -> None:
    _require_open(case)
    if case.procedure and case.procedure.code == "corporate" and case.stage == 2 and officer == case.stage1_handler:
        # Complaint Handling Code: the stage 2 handler must not be the stage 1 handler.
        raise ValidationError(f"{officer} handled stage 1: choose someone else for stage 2")
    before = case.investigating_officer
    case.investigating_officer = officer
    if case.stage == 1:
        case.stage1_handler = officer
    if independent_person:
        case.independent_person = independent_person
    reason = f"Reallocated from {before}" if before and before != officer else ""
    _record(case, EventKind.ALLOCATED, by, date, reason=f"{officer}. {reason}".strip())


@transaction.atomic
def extend(case, *, by, date, new_due: dt.date, reason: str, agreed_on: dt.date) -> None:
    _require_open(case)
    if not reason.strip():
        raise ValidationError("Give the reason for the extension")
    if case.due and new_due <= case.due:
        raise ValidationError("The new response date must be after the current one")
    stage = case.procedure.stage(case.stage) if case.procedure else None
    if stage and stage.extended_days and case.stage_started:
        limit = current_calendar().add_working_days(case.stage_started, stage.extended_days)
        if new_due > limit and case.procedure.code != "adult":
            raise ValidationError(
                f"Stage {case.stage} can be extended to {stage.extended_days} working days at most: {limit:%-d %B %Y}"
            )
    case.extended_to = new_due
    _record(case, EventKind.EXTENDED, by, date, due=new_due, reason=reason, agreed_on=agreed_on)


def _review_panel(case) -> None:
    _require_open(case)
    if not (case.procedure and case.procedure.code == "children" and case.stage == 3):
        raise ValidationError("Only a children's stage 3 complaint has a review panel")


@transaction.atomic
def panel_held(case, *, by, date) -> None:
    _review_panel(case)
    _record(case, EventKind.PANEL_HELD, by, date)


@transaction.atomic
def panel_reported(case, *, by, date) -> None:
    _review_panel(case)
    _record(case, EventKind.PANEL_REPORTED, by, date)


@transaction.atomic
def pause(case, *, by, date, reason: str) -> None:
    _require_open(case)
    if case.paused_since:
        raise ValidationError("The clock is already paused")
    if not reason.strip():
        raise ValidationError("Give the reason for pausing, for example waiting for consent")
    _record(case, EventKind.PAUSED, by, date, reason=reason)


@transaction.atomic
def resume(case, *, by, date) -> None:
    if not case.paused_since:
        raise ValidationError("The clock is not paused")
    if date < case.paused_since:
        raise ValidationError("The clock cannot restart before it was paused")
    if case.safeguarding:
        case.safeguarding = False
    _record(case, EventKind.RESUMED, by, date)


@transaction.atomic
def respond(case, *, by, date, outcome: str = "", override_reason: str = "") -> None:
    """Record that the stage's response was sent, with the findings already on its concerns."""
    _require_open(case)
    if case.paused_since:
        raise ValidationError("Restart the clock before recording the response")
    derived = derived_outcome(case)
    if outcome and derived and outcome != derived and not override_reason.strip():
        raise ValidationError(
            f"The findings on the concerns make the outcome {Outcome(derived).label.lower()}: "
            "give a reason to record a different one"
        )
    setattr(case, f"stage{case.stage}_response", date)
    case.outcome = outcome or derived or case.outcome
    _record(case, EventKind.RESPONDED, by, date, reason=override_reason)


def derived_outcome(case: Representation) -> str:
    """Upheld if any concern is upheld; partially if any is upheld in part or some are upheld
    and some not; not upheld if all are; blank while any concern has no finding."""
    findings = [c.finding for c in case.concerns.all()]
    if not findings or "" in findings:
        return ""
    if all(f == "upheld" for f in findings):
        return Outcome.UPHELD
    if all(f == "not_upheld" for f in findings):
        return Outcome.NOT_UPHELD
    return Outcome.PARTIALLY_UPHELD


@transaction.atomic
def escalate(case, *, by, date, reason: str = "") -> None:
    """The complainant asks for the next stage, within the time the procedure allows unless the
    council accepts a late request for a reason it records."""
    _require_open(case)
    procedure = case.procedure
    next_stage = procedure.stage(case.stage + 1) if procedure else None
    if not next_stage:
        raise ValidationError("This procedure has no further stage: the complainant can go to the Ombudsman")
    answered = getattr(case, f"stage{case.stage}_response")
    if not answered:
        raise ValidationError(f"Record the stage {case.stage} response first")
    if next_stage.request_within_days:
        limit = current_calendar().add_working_days(answered, next_stage.request_within_days)
        if date > limit and not reason.strip():
            raise ValidationError(
                f"The request came after {limit:%-d %B %Y}, the last of the {next_stage.request_within_days} "
                "working days allowed: give the reason for accepting it"
            )
    case.stage += 1
    setattr(case, f"stage{case.stage}_requested", date)
    case.outcome = ""
    case.extended_to = None
    if procedure.code == "corporate":
        case.investigating_officer = None  # a different officer must handle stage 2
    _record(case, EventKind.ESCALATED, by, date, reason=reason)


@transaction.atomic
def withdraw(case, *, by, date, reason: str = "") -> None:
    _require_open(case)
    case.outcome = Outcome.WITHDRAWN
    case.closed = date
    _record(case, EventKind.WITHDRAWN, by, date, reason=reason)


def closure_blockers(case: Representation) -> list[str]:
    problems = []
    if case.outcome != Outcome.WITHDRAWN and not getattr(case, f"stage{case.stage}_response"):
        problems.append(f"Record the stage {case.stage} response before closing")
    return problems + learning_blockers(case)


@transaction.atomic
def close(case, *, by, date) -> None:
    _require_open(case)
    problems = closure_blockers(case)
    if problems:
        raise ValidationError(problems)
    case.closed = date
    _record(case, EventKind.CLOSED, by, date)


@transaction.atomic
def reopen(case, *, by, date, reason: str) -> None:
    if not case.closed:
        raise ValidationError("The case is not closed")
    if not reason.strip():
        raise ValidationError("Give the reason for reopening")
    case.closed = None
    if case.outcome == Outcome.WITHDRAWN:
        case.outcome = ""
    _record(case, EventKind.REOPENED, by, date, reason=reason)


@transaction.atomic
def split(case, *, by, date, concerns, procedure) -> Representation:
    """Move the parts of a complaint that belong to another procedure into a case of their own."""
    _require_open(case)
    if procedure == case.procedure:
        raise ValidationError("Choose a different procedure for the parts to move")
    if len(concerns) >= case.concerns.count():
        raise ValidationError("Leave at least one concern on this complaint, or change its procedure instead")
    fields = {
        f.name: getattr(case, f.name)
        for f in Representation._meta.concrete_fields
        if f.name
        in {
            "received",
            "method",
            "point_of_receipt",
            "service_area",
            "complainant",
            "service_user",
            "relationship",
            "consent",
            "advocate",
            "child_or_young_person",
            "su_age",
            "su_sex",
            "su_ethnicity",
            "su_disability",
            "su_primary_support_reason",
            "summary",
        }
    }
    part = Representation.objects.create(
        kind=Kind.COMPLAINT, procedure=procedure, triaged=True, created_by=by, **fields
    )
    Concern.objects.filter(pk__in=[c.pk for c in concerns]).update(representation=part)
    _record(part, EventKind.TRIAGED, by, date, reason=f"Split from {case.reference}")
    _record(case, EventKind.TRIAGED, by, date, reason=f"Parts moved to {part.reference} ({procedure.name})")
    return part
