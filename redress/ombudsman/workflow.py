"""The rules of an Ombudsman case: its deadlines, the order of its stages, its decision and
who must be told. Plain functions, so views, imports and tests share them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.cases.models import Kind, Representation
from redress.cases.workflow import recompute
from redress.configuration.models import Lookup, LookupList
from redress.notifications import reminders
from redress.procedures.calendar import current_calendar

from .models import (
    Decision,
    OmbudsmanCase,
    OmbudsmanSettings,
    Recommendation,
    Stage,
    StageRecord,
)

STAGE_ORDER = list(Stage.values)


def deadlines(stage: str, started: dt.date, ombudsman_due: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """(the Ombudsman's deadline, ours). The Ombudsman's own date wins when it gave one; ours is
    the configured number of working days from the start, never later than the Ombudsman's."""
    allowed, internal = OmbudsmanSettings.current().days(stage)
    calendar = current_calendar()
    ombudsman_due = ombudsman_due or calendar.add_working_days(started, allowed)
    return ombudsman_due, min(calendar.add_working_days(started, internal), ombudsman_due)


def next_stages(case: OmbudsmanCase) -> list[str]:
    """The stages the case can move on to."""
    if case.decided:
        return []
    current = case.stages.last()
    return STAGE_ORDER[STAGE_ORDER.index(current.stage) + 1 :] if current else STAGE_ORDER


def start_stage(case: OmbudsmanCase, stage: str, started: dt.date, ombudsman_due: dt.date | None = None) -> StageRecord:
    """Move the case on to a later stage, with its deadlines."""
    if case.decided:
        raise ValidationError("The Ombudsman has already decided this case")
    if stage not in next_stages(case):
        current = case.stages.last()
        raise ValidationError(f"The case is already at {current.get_stage_display().lower()}: it can only move on")
    if started < case.received:
        raise ValidationError(f"The date must not be before the Ombudsman contacted us ({case.received:%-d %B %Y})")
    if ombudsman_due and ombudsman_due < started:
        raise ValidationError("The Ombudsman's deadline must not be before the date the stage started")
    theirs, ours = deadlines(stage, started, ombudsman_due)
    return StageRecord.objects.create(case=case, stage=stage, started=started, ombudsman_due=theirs, internal_due=ours)


def open_case(*, ombudsman_due: dt.date | None = None, **fields) -> OmbudsmanCase:
    """A new case starts at enquiry and assessment, when the Ombudsman asks for the file."""
    with transaction.atomic():
        case = OmbudsmanCase.objects.create(**fields)
        start_stage(case, Stage.ENQUIRY, case.received, ombudsman_due)
    return case


def record_response(case: OmbudsmanCase, responded: dt.date) -> StageRecord:
    """The council has sent what the Ombudsman asked for at the current stage."""
    stage = case.current_stage
    if not stage:
        raise ValidationError("There is no stage waiting for our answer")
    if responded < stage.started:
        raise ValidationError(f"The date must not be before the stage started ({stage.started:%-d %B %Y})")
    stage.responded = responded
    stage.save(update_fields=["responded"])
    return stage


def refer_back(case: OmbudsmanCase, referred: dt.date) -> Representation:
    """Premature: the Ombudsman sends the complaint back to the council, whose own procedure
    starts now, as a complaint received on the day of the referral."""
    if case.decided:
        raise ValidationError("The Ombudsman has already decided this case")
    earlier = case.complaints.order_by("-received").first()
    with transaction.atomic():
        complaint = Representation(
            kind=Kind.COMPLAINT,
            procedure=case.procedure,
            received=referred,
            point_of_receipt=Lookup.objects.of(LookupList.POINT_OF_RECEIPT).filter(label="Ombudsman referral").first(),
            service_area=case.service_area,
            complainant=earlier.complainant if earlier else None,
            service_user=earlier.service_user if earlier else None,
            relationship=earlier.relationship if earlier else None,
            summary=f"Referred back by the Ombudsman (reference {case.reference}) for local resolution."
            + (f"\n\n{case.summary}" if case.summary else ""),
        )
        recompute(complaint, referred)
        complaint.save()
        case.complaints.add(complaint)
        record_decision(case, Decision.PREMATURE, referred)
    return complaint


def record_decision(
    case: OmbudsmanCase, decision: str, decided: dt.date, public_report: bool = False, today: dt.date | None = None
) -> None:
    if decided < case.received:
        raise ValidationError(f"The decision date must not be before the case was received ({case.received:%-d %B %Y})")
    case.decision, case.decided, case.public_report = decision, decided, public_report
    case.save(update_fields=["decision", "decided", "public_report"])
    if case.needs_monitoring_officer and not case.monitoring_officer_told:
        tell_monitoring_officer(case, today or decided)


def tell_monitoring_officer(case: OmbudsmanCase, today: dt.date) -> bool:
    """Email the Monitoring Officer about a finding of fault causing injustice or a public report,
    and record it. False when no address is set up yet, so the case page can say so."""
    to = OmbudsmanSettings.current().monitoring_officer_email
    if not to:
        return False
    what = "a public report" if case.public_report else case.get_decision_display().lower()
    complaints = ", ".join(c.reference for c in case.complaints.all()) or "none recorded"
    reminders.queue(
        f"monitoring-officer:{case.pk}:{case.decision}:{case.public_report}",
        to,
        f"Ombudsman decision {case.reference}: {what}",
        f"The Local Government and Social Care Ombudsman issued its final decision on {case.reference} on "
        f"{case.decided:%-d %B %Y}: {what}.\n\n"
        f"Procedure: {case.procedure}. Service: {case.service_area or 'not recorded'}. "
        f"Council complaints: {complaints}.\n\n"
        "As Monitoring Officer you may need to report on it under section 5A of the Local Government and "
        f"Housing Act 1989.\n\n{reminders.case_link(case)}",
    )
    case.monitoring_officer_told, case.monitoring_officer_email = today, to
    case.save(update_fields=["monitoring_officer_told", "monitoring_officer_email"])
    return True


def default_remedy_due(case: OmbudsmanCase) -> dt.date | None:
    if not case.decided:
        return None
    return current_calendar().add_working_days(case.decided, OmbudsmanSettings.current().remedy_days)


def check_recommendation(recommendation: Recommendation) -> None:
    """The rules a recommendation must follow, whoever records it."""
    errors = {}
    if recommendation.kind == "payment" and recommendation.amount is None:
        errors["amount"] = "Enter the amount the Ombudsman asked us to pay"
    if recommendation.amount is not None and recommendation.amount <= 0:
        errors["amount"] = "The amount must be more than £0"
    case = recommendation.case
    if recommendation.completed and case.decided and recommendation.completed < case.decided:
        errors["completed"] = f"The completion date must not be before the final decision ({case.decided:%-d %B %Y})"
    if recommendation.accepted is not None and not recommendation.completed:
        errors["accepted"] = "Record when the remedy was completed before recording the Ombudsman's view of it"
    if errors:
        raise ValidationError(errors)
