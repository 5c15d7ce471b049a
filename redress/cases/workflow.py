"""The complaint workflow: each action records an event and works out the case's deadlines again.

Rules live here as plain functions so that views, the reminder run and tests call the same code.
Timescales come from the council's procedure settings (docs/procedures.md gives the defaults)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from redress.learning.rules import closure_blockers as learning_blockers
from redress.procedures.calendar import WorkingDayCalendar, current_calendar
from redress.procedures.models import CountedFrom, Procedure

from .findings import outcome_at
from .models import (
    DATE_LABELS,
    STAGE_DATE_FIELDS,
    CaseEvent,
    Concern,
    EventKind,
    Investigator,
    Kind,
    Outcome,
    PanelMember,
    PanelRecommendation,
    Redirection,
    Representation,
    Response,
    RiskRating,
)

DUE_SOON_DAYS = 5
STAGES = (1, 2, 3)
EXTENSION_EVENTS = (EventKind.EXTENDED, EventKind.EXTENSION_WITHDRAWN)
PANEL_REPORT_DAYS = 5
PANEL_RESPONSE_DAYS = 15
TRIAGE_DECISIONS = [
    ("complaint", "Handled as a complaint"),
    ("record", "Recorded as it is"),
    ("early_resolution", "Resolved by the next working day: recorded as an initial enquiry"),
    ("service_request", "A request for service, not a complaint"),
    ("ineligible", "Redirected"),
]


def stage_start(case: Representation) -> dt.date | None:
    """The day the current stage began: receipt for stage 1, the complainant's request after that."""
    return case.received if case.stage == 1 else getattr(case, f"stage{case.stage}_requested")


def needs_acknowledgement(case: Representation) -> bool:
    """Stage 1 is always acknowledged; a later stage only where its time counts from the
    acknowledgement (Complaint Handling Code, stage 2: acknowledged within 5 working days)."""
    if case.procedure is None or case.ineligible:
        return False
    if case.stage == 1:
        return True
    stage = case.procedure.stage(case.stage)
    return bool(stage and stage.counted_from == CountedFrom.ACKNOWLEDGED)


def acknowledgement(case: Representation) -> tuple[str, dt.date | None]:
    """Where the current stage's acknowledgement stands, from the stored dates the dashboard's
    "Waiting for acknowledgement" count queries (RepresentationQuerySet.awaiting_acknowledgement),
    so that the case page and the count never disagree: ("sent", date), ("due", date) while the
    complaint is in progress, or ("not needed", None), including for a closed case never sent one."""
    if case.stage_acknowledged:
        return "sent", case.stage_acknowledged
    in_progress = case.is_complaint and not case.ineligible and not case.closed
    if in_progress and case.acknowledgement_due:
        return "due", case.acknowledgement_due
    return "not needed", None


def stage_acknowledged(case: Representation) -> dt.date | None:
    """When the current stage was acknowledged: stage 1's date, or a later stage's event."""
    return case.acknowledged if case.stage == 1 else case.stage_acknowledged


def clock_start(case: Representation) -> dt.date | None:
    """Day 0 of the current stage's timescale: the day it began, or under the Complaint Handling
    Code its acknowledgement (the day it is due until it is sent)."""
    stage = case.procedure.stage(case.stage) if case.procedure else None
    if case.stage_started and stage and stage.counted_from == CountedFrom.ACKNOWLEDGED:
        return case.stage_acknowledged or case.acknowledgement_due
    return case.stage_started


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


def response_timeliness(procedure: Procedure, number: int) -> Callable[..., tuple[int, bool, bool]]:
    """The rule for how a response to stage `number` did against its timescale (the case's own,
    else at stage 1 its risk rating's, else the stage's): the working days it took from the stage's
    start, whether it was within target, and whether it was within target or on or before the date
    agreed in an extension of that stage (`agreed`, see `agreed_date`). The monthly scorecard and
    the annual report both decide with it, so a response is on time in both or in neither.

    The procedure's settings are read here, once; the rule returned takes plain values and gives a
    plain tuple, so that the annual report can apply it to each of a year's 100,000 complaints."""
    stage = procedure.stage(number)
    default = stage.target_days if stage else None
    risk_days = {risk: procedure.risk_days(risk) for risk in RiskRating.values} if number == 1 else {}
    # Complaint Handling Code: stage 1 is answered within N working days of the acknowledgement, or
    # of the day it was due when none is recorded. Later stages count from the request, as the
    # annual report defines them (docs/interchange.md, section 4): no acknowledgement is imported.
    from_acknowledgement = number == 1 and stage is not None and stage.counted_from == CountedFrom.ACKNOWLEDGED
    acknowledgement_days = procedure.acknowledgement_days

    def timeliness(
        *,
        start: dt.date,
        response: dt.date,
        acknowledged: dt.date | None,
        risk: str,
        target_days: int | None,
        agreed: dt.date | None,
        calendar: WorkingDayCalendar,
    ) -> tuple[int, bool, bool]:
        taken = calendar.working_days(start, response)
        target = (target_days or risk_days.get(risk) or default) if number == 1 else default
        if target is None:
            within = False
        elif from_acknowledgement and acknowledged:
            within = calendar.working_days(acknowledged, response) <= target
        elif from_acknowledgement:
            within = taken <= target + acknowledgement_days
        else:
            within = taken <= target
        extended = agreed is not None and response <= agreed
        return taken, within, within or extended

    return timeliness


def agreed_date(case: Representation, number: int) -> dt.date | None:
    """The response date agreed in an extension of this stage: its own (interchange 1.1), else for
    the current stage the case's `extended_to`."""
    own = getattr(case, f"stage{number}_extended_to")
    return own or (case.extended_to if case.stage == number else None)


def stage1_on_time(case: Representation, calendar: WorkingDayCalendar) -> bool:
    """Whether the stage 1 response went within its timescale, or by the date agreed in an extension."""
    return response_timeliness(case.procedure, 1)(
        start=case.received,
        response=case.stage1_response,
        acknowledged=case.acknowledged,
        risk=case.risk,
        target_days=case.target_days,
        agreed=agreed_date(case, 1),
        calendar=calendar,
    )[2]


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


def agreed_extension(events: list[CaseEvent], stage: int) -> CaseEvent | None:
    """The extension in force at this stage: the latest agreed, unless it was withdrawn since."""
    latest = None
    for event in events:
        if event.stage == stage and event.kind in EXTENSION_EVENTS:
            latest = event
    return latest if latest and latest.kind == EventKind.EXTENDED else None


def _events(case: Representation) -> list[CaseEvent]:
    return list(case.events.all()) if case.pk else []


def recompute(case: Representation, today: dt.date | None = None, calendar: WorkingDayCalendar | None = None) -> None:
    """Work out the acknowledgement and response due dates from the case and its events."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    procedure = case.procedure
    events = _events(case)
    case.outcome = final_outcome(case)
    case.stage_started = stage_start(case) if procedure else None
    if needs_acknowledgement(case) and case.stage_started:
        case.acknowledgement_due = calendar.add_working_days(case.stage_started, procedure.acknowledgement_days)
        later = [e.date for e in events if e.kind == EventKind.ACKNOWLEDGED and e.stage == case.stage]
        case.stage_acknowledged = case.acknowledged if case.stage == 1 else (later[-1] if later else None)
    else:
        case.acknowledgement_due = case.stage_acknowledged = None
    paused, case.paused_since = paused_days(events, case.stage, today, calendar)
    for number in STAGES:
        # Each stage keeps the date agreed for it from its own events; a stage without any keeps
        # what was imported or recorded before.
        if any(e.kind in EXTENSION_EVENTS and e.stage == number for e in events):
            extended = agreed_extension(events, number)
            setattr(case, f"stage{number}_extended_to", extended.due if extended else None)
    extension = agreed_extension(events, case.stage)
    if extension or any(e.kind == EventKind.EXTENSION_WITHDRAWN and e.stage == case.stage for e in events):
        case.extended_to = extension.due if extension else None
    answered = getattr(case, f"stage{case.stage}_response")
    due = response_due(case, calendar, paused)
    if case.closed or answered or case.ineligible or due is None:
        case.due = None
        return
    case.due = extension.due if extension else due
    # Children Act 1989 procedure, stage 3: the panel's report within 5 working days of the panel,
    # and the council's response within 15 working days of the report.
    panel = {e.kind: e.date for e in events if e.stage == case.stage}
    if EventKind.PANEL_REPORTED in panel:
        case.due = calendar.add_working_days(panel[EventKind.PANEL_REPORTED], PANEL_RESPONSE_DAYS)
    elif EventKind.PANEL_HELD in panel:
        case.due = calendar.add_working_days(panel[EventKind.PANEL_HELD], PANEL_REPORT_DAYS)


def final_outcome(case: Representation) -> str:
    """The case's outcome is its highest stage's: blank until that stage is answered or withdrawn."""
    return getattr(case, f"stage{case.stage}_outcome")


def response_due(case: Representation, calendar: WorkingDayCalendar, paused: int = 0) -> dt.date | None:
    """The current stage's response date by its timescale, before any extension."""
    start, target = clock_start(case), target_days(case)
    if start is None or target is None:
        return None
    return calendar.add_working_days(start, target + paused)


def extension_limit(case: Representation, calendar: WorkingDayCalendar | None = None) -> dt.date | None:
    """The latest date the current stage's response may be extended to: the procedure's longest
    time in working days (children's stage 1: 20, stage 2: 65; corporate: 10 and 20 more than the
    Code's 10 and 20; adult: the procedure's longest), with the days the clock was paused added."""
    stage = case.procedure.stage(case.stage) if case.procedure else None
    start = clock_start(case)
    if not (stage and stage.extended_days and start):
        return None
    calendar = calendar or current_calendar()
    paused, _ = paused_days(_events(case), case.stage, timezone.localdate(), calendar)
    return calendar.add_working_days(start, stage.extended_days + paused)


def deadline_notes(case: Representation) -> list[str]:
    """What an officer should know about the response date that the date alone does not say."""
    notes = []
    events = _events(case)
    extension = agreed_extension(events, case.stage)
    if extension and not case.closed:
        paused_since = [
            e for e in events if e.stage == case.stage and e.kind == EventKind.PAUSED and e.pk > extension.pk
        ]
        if paused_since:
            notes.append(
                f"The clock was paused after the extension to {extension.due:%-d %B %Y} was agreed, so that date "
                "does not move: agree a new date with the complainant if more time is needed."
            )
        limit = six_month_limit(case)
        if limit and extension.due > limit:
            notes.append(
                f"The agreed date is after the six-month limit of {limit:%-d %B %Y}: the Regulations allow it "
                "only with the complainant's agreement."
            )
    return notes


DEADLINE_FIELDS = [
    "acknowledgement_due",
    "stage_acknowledged",
    "stage_started",
    "due",
    "paused_since",
    "extended_to",
    *(f"stage{n}_extended_to" for n in STAGES),
]


def recompute_open_cases(day: dt.date) -> int:
    """Work out again the deadlines of open complaints that a change to the calendar on `day`
    (a closure day added or removed) may move; returns how many changed."""
    return recompute_cases(
        Representation.objects.in_progress().filter(
            Q(due__gte=day) | Q(acknowledgement_due__gte=day) | Q(paused_since__isnull=False)
        )
    )


def recompute_cases(cases, today: dt.date | None = None) -> int:
    """Work out again the deadlines of these cases, saving those that changed; returns how many."""
    today, calendar = today or timezone.localdate(), current_calendar()
    cases = cases.select_related("procedure").prefetch_related("procedure__stages", "events")
    changed, moved = [], set()
    for case in cases:
        before = [getattr(case, name) for name in DEADLINE_FIELDS]
        recompute(case, today, calendar)
        differ = {name for name, value in zip(DEADLINE_FIELDS, before) if getattr(case, name) != value}
        if differ:
            changed.append(case)
            moved |= differ
    # Only the columns that moved: each one costs the UPDATE a CASE over every case in the batch.
    if changed:
        Representation.objects.bulk_update(changed, [n for n in DEADLINE_FIELDS if n in moved], batch_size=500)
    return len(changed)


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


# Kinds a member of staff records as they are: nobody has to check what they are before they count.
RECORDED_AS_THEY_ARE = (Kind.COMPLIMENT, Kind.COMMENT)


def recorded_by_staff(case: Representation, *, by) -> None:
    """A compliment or comment that staff record themselves is triaged as they record it; one
    sent through the online form waits for an officer to check it."""
    if case.kind in RECORDED_AS_THEY_ARE and not case.triaged:
        # Not _record: a compliment or comment has no deadlines to work out.
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.TRIAGED,
            stage=case.stage,
            date=timezone.localdate(),
            by=by,
            reason="Recorded by staff",
        )
        case.triaged = True
        case.save(update_fields=["triaged", "updated"])


@transaction.atomic
def acknowledge(case, *, by, date) -> None:
    """Record the acknowledgement of the current stage: stage 1's, or a later stage's under the
    Complaint Handling Code, whose response is then due counted from it."""
    _require_open(case)
    if not needs_acknowledgement(case) or stage_acknowledged(case):
        raise ValidationError(f"Stage {case.stage} has no acknowledgement to record")
    if date < stage_start(case):
        raise ValidationError(
            "The acknowledgement cannot be before the complaint was received"
            if case.stage == 1
            else f"The acknowledgement cannot be before stage {case.stage} was requested"
        )
    if case.stage == 1:
        case.acknowledged = date
    _record(case, EventKind.ACKNOWLEDGED, by, date)


@transaction.atomic
def allocate(
    case, *, by, date, officer, independent_person: str = "", investigator: str = "", tell_officer: bool = True
) -> None:
    """Give the case to an investigating officer, who is emailed a link to it unless they
    allocated it to themselves (or, with `tell_officer` False, are told some other way). At stage 2,
    also whether the investigation is from within the council or outside it (the annual report
    counts the external ones), and at children's stage 2 the Independent Person."""
    _require_open(case)
    if investigator and case.stage != 2:
        raise ValidationError("Whether the investigation is external is recorded for stage 2 only")
    if case.procedure and case.procedure.code == "corporate" and case.stage == 2 and officer == case.stage1_handler:
        # Complaint Handling Code: the stage 2 handler must not be the stage 1 handler.
        raise ValidationError(f"{officer} handled stage 1: choose someone else for stage 2")
    before = case.investigating_officer
    case.investigating_officer = officer
    if case.stage == 1:
        case.stage1_handler = officer
    if independent_person:
        case.independent_person = independent_person
    if investigator:
        case.stage2_investigator = investigator
    reason = f"Reallocated from {before}" if before and before != officer else ""
    parts = [
        f"{officer}.",
        f"Investigation {Investigator(investigator).label.lower()}." if investigator else "",
        reason,
    ]
    event = _record(case, EventKind.ALLOCATED, by, date, reason=" ".join(p for p in parts if p))
    if tell_officer and officer != by:
        _tell_allocated(case, officer, event)


def _tell_allocated(case: Representation, officer, event: CaseEvent) -> None:
    """The email to the officer: the reference, the stage and the date due, and the link. Nothing
    about the people or the complaint itself, which they read on the case once signed in."""
    from redress.notifications.reminders import case_link, queue

    what = f"stage {case.stage} of {case.reference}"
    if case.procedure:
        what += f" ({case.procedure.name})"
    due = f"The response is due on {case.due:%A %-d %B %Y}." if case.due else "It has no response date yet."
    queue(
        f"allocated:{event.pk}",
        officer.email,
        f"{case.reference}: allocated to you",
        f"{what[0].upper()}{what[1:]} has been allocated to you to investigate. {due}\n\n{case_link(case)}",
        case,
    )


def _check_extension(case: Representation, new_due: dt.date, after: dt.date | None) -> list[str]:
    """Refuse a date past the procedure's longest; warn (adult) past the six-month limit."""
    if after and new_due <= after:
        raise ValidationError(f"The new response date must be after {after:%-d %B %Y}, the date it replaces")
    limit = extension_limit(case)
    if limit and new_due > limit:
        stage = case.procedure.stage(case.stage)
        raise ValidationError(
            f"{case.procedure.name} stage {case.stage} can be extended to {stage.extended_days} working days at "
            f"most: the latest response date is {limit:%-d %B %Y}"
        )
    six_months = six_month_limit(case)
    if six_months and new_due > six_months:
        return [
            f"{new_due:%-d %B %Y} is after the six-month limit of {six_months:%-d %B %Y}: record that the "
            "complainant agreed to it"
        ]
    return []


@transaction.atomic
def extend(case, *, by, date, new_due: dt.date, reason: str, agreed_on: dt.date) -> list[str]:
    """Agree a later response date with the complainant. Returns any warnings for the officer."""
    _require_open(case)
    if not reason.strip():
        raise ValidationError("Give the reason for the extension")
    if agreed_on > date:
        raise ValidationError("The date agreed cannot be after the date of this record")
    warnings = _check_extension(case, new_due, case.due)
    _record(case, EventKind.EXTENDED, by, date, due=new_due, reason=reason, agreed_on=agreed_on)
    return warnings


@transaction.atomic
def change_extension(case, *, by, date, reason: str, new_due: dt.date | None = None) -> list[str]:
    """Put right an extension agreed by mistake: withdraw it (the timescale's date applies again)
    or correct its date."""
    _require_open(case)
    extension = agreed_extension(_events(case), case.stage)
    if extension is None:
        raise ValidationError(f"No extension is in force at stage {case.stage}")
    if not reason.strip():
        raise ValidationError("Give the reason for withdrawing or correcting the extension")
    if new_due is None:
        _record(case, EventKind.EXTENSION_WITHDRAWN, by, date, reason=reason)
        return []
    if new_due == extension.due:
        raise ValidationError(f"The extension is already to {new_due:%-d %B %Y}")
    paused, _ = paused_days(_events(case), case.stage, date, current_calendar())
    warnings = _check_extension(case, new_due, response_due(case, current_calendar(), paused))
    _record(
        case, EventKind.EXTENDED, by, date, due=new_due, agreed_on=extension.agreed_on, reason=f"Corrected: {reason}"
    )
    return warnings


def correctable_dates(case: Representation) -> list[tuple[str, str]]:
    """The dates on this case that can be put right: those it has."""
    return [(name, label) for name, label in DATE_LABELS.items() if getattr(case, name)]


def _check_date_order(case: Representation) -> None:
    """Each date on or after receipt, each stage's dates in order, and closure after all of them."""
    labels = DATE_LABELS
    for name in ["acknowledged", *STAGE_DATE_FIELDS, "closed"]:
        value = getattr(case, name)
        if value and value < case.received:
            raise ValidationError(f"{labels[name]} ({value:%-d %B %Y}) would be before the date received")
    dated = [(name, getattr(case, name)) for name in [*STAGE_DATE_FIELDS, "closed"] if getattr(case, name)]
    for (earlier, first), (later, second) in zip(dated, dated[1:]):
        if second < first:
            raise ValidationError(
                f"{labels[later]} ({second:%-d %B %Y}) would be before {labels[earlier].lower()} ({first:%-d %B %Y})"
            )


@transaction.atomic
def correct_date(case, *, by, date, field: str, value: dt.date, reason: str) -> None:
    """Put right a date recorded wrongly. The correction is an event of its own, and the deadlines
    and rules follow from the corrected date as from any other action."""
    if field not in dict(correctable_dates(case)):
        raise ValidationError("Choose a date this case has")
    if not reason.strip():
        raise ValidationError("Give the reason for the correction")
    if value > timezone.localdate():
        raise ValidationError(f"{DATE_LABELS[field]} cannot be in the future")
    previous = getattr(case, field)
    if value == previous:
        raise ValidationError(f"{DATE_LABELS[field]} is already {value:%-d %B %Y}")
    setattr(case, field, value)
    _check_date_order(case)
    if field == "received" and case.service_user and case.service_user.date_of_birth:
        case.su_age = case.service_user.age_on(value)
    _record(case, EventKind.DATE_CORRECTED, by, date, field=field, previous=previous, due=value, reason=reason)


@transaction.atomic
def set_timescale(case, *, by, date, risk: str = "", target_days: int | None = None, reason: str = "") -> None:
    """Set stage 1's timescale: the adult procedure's risk rating, or a number of working days
    agreed for this complaint (which needs a reason)."""
    _require_open(case)
    if case.stage != 1 or case.stage1_response:
        raise ValidationError("The timescale can be set only for stage 1 before its response")
    if risk and not case.procedure.risk_days(risk):
        raise ValidationError(f"{case.procedure.name} has no risk-rated timescales")
    if target_days and not reason.strip():
        raise ValidationError("Give the reason for a timescale of its own")
    case.risk, case.target_days = risk, target_days
    parts = [RiskRating(risk).label] if risk else []
    if target_days:
        parts.append(f"{target_days} working days")
    summary = ", ".join(parts) or "The procedure's timescale"
    _record(case, EventKind.TIMESCALE_SET, by, date, reason=f"{summary}. {reason}".strip())


def _review_panel(case) -> None:
    _require_open(case)
    if not (case.procedure and case.procedure.code == "children" and case.stage == 3):
        raise ValidationError("Only a children's stage 3 complaint has a review panel")


PANEL_SIZE = 3


def panel_met(case) -> dt.date | None:
    """The day the review panel met, if it has."""
    return _panel_date(case, EventKind.PANEL_HELD)


def _panel_date(case, kind: str) -> dt.date | None:
    return case.events.filter(kind=kind).order_by("-at").values_list("date", flat=True).first()


@transaction.atomic
def panel_held(case, *, by, date, members: list[tuple[str, str]], chair: int) -> None:
    """The review panel met: its three members (name and role: independent people), one of
    whom (`chair`, counted from 0) chairs it. The meeting's date is the event's."""
    _review_panel(case)
    if len(members) != PANEL_SIZE or not all(name.strip() and role.strip() for name, role in members):
        raise ValidationError("A review panel has three members: give each one's name and role")
    if not 0 <= chair < PANEL_SIZE:
        raise ValidationError("Choose which member chairs the panel")
    case.panel_members.all().delete()
    PanelMember.objects.bulk_create(
        PanelMember(case=case, name=name.strip(), role=role.strip(), chair=i == chair)
        for i, (name, role) in enumerate(members)
    )
    chaired = members[chair][0].strip()
    _record(case, EventKind.PANEL_HELD, by, date, reason=f"Chaired by {chaired}.")


@transaction.atomic
def panel_reported(case, *, by, date) -> None:
    _review_panel(case)
    met = panel_met(case)
    if met and date < met:
        raise ValidationError(f"The panel's report cannot be before the panel met on {met:%-d %B %Y}")
    _record(case, EventKind.PANEL_REPORTED, by, date)


def add_recommendation(case, *, by, text: str) -> None:
    """One of the recommendations in the panel's report."""
    _review_panel(case)
    if not text.strip():
        raise ValidationError("Enter the recommendation")
    PanelRecommendation.objects.create(case=case, text=text.strip())


@transaction.atomic
def respond_to_panel(case, *, by, date, responses: dict[int, tuple[str, str]]) -> None:
    """The council's response to each of the panel's recommendations: accepted, or not accepted
    with its reasons. Sending the stage 3 response itself is "Record the response"."""
    _review_panel(case)
    recommendations = {r.pk: r for r in case.panel_recommendations.all()}
    if set(responses) != set(recommendations):
        raise ValidationError("Give the council's response to each of the panel's recommendations")
    reported = _panel_date(case, EventKind.PANEL_REPORTED)
    if reported and date < reported:
        raise ValidationError(f"The response cannot be before the panel's report on {reported:%-d %B %Y}")
    for pk, (response, reasons) in responses.items():
        if response == Response.NOT_ACCEPTED and not reasons.strip():
            raise ValidationError("Give the reasons for not accepting a recommendation")
        recommendation = recommendations[pk]
        recommendation.response, recommendation.reasons, recommendation.responded = response, reasons.strip(), date
        recommendation.save()


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
    setattr(case, f"stage{case.stage}_outcome", outcome or derived or getattr(case, f"stage{case.stage}_outcome"))
    _record(case, EventKind.RESPONDED, by, date, reason=override_reason)


def derived_outcome(case: Representation) -> str:
    """The outcome the current stage's findings on the concerns give."""
    return outcome_at(case, case.stage)


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
    # The stage answered keeps its own agreed date (a case imported before interchange 1.1 has
    # it only as the case's).
    finished = case.stage
    if not getattr(case, f"stage{finished}_extended_to"):
        setattr(case, f"stage{finished}_extended_to", case.extended_to)
    case.stage += 1
    setattr(case, f"stage{case.stage}_requested", date)
    case.extended_to = None
    if procedure.code == "corporate":
        case.investigating_officer = None  # a different officer must handle stage 2
    _record(case, EventKind.ESCALATED, by, date, reason=reason)


@transaction.atomic
def withdraw(case, *, by, date, reason: str = "") -> None:
    _require_open(case)
    setattr(case, f"stage{case.stage}_outcome", Outcome.WITHDRAWN)
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
    if getattr(case, f"stage{case.stage}_outcome") == Outcome.WITHDRAWN:
        setattr(case, f"stage{case.stage}_outcome", "")
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
