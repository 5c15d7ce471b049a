"""The rules of an Ombudsman case: deadlines in working days, the order of stages, premature
referral, the final decision and the Monitoring Officer, and what a remedy must record."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from redress.cases.models import Kind
from redress.notifications.models import OutboxMessage
from redress.ombudsman import workflow
from redress.ombudsman.models import Decision, OmbudsmanSettings, Recommendation, Stage
from redress.procedures.models import ClosureDay, Procedure


@pytest.fixture
def case(db):
    return workflow.open_case(
        reference="25 001 001", procedure=Procedure.objects.get(code="adult"), received=dt.date(2025, 12, 19)
    )


def test_the_enquiry_deadline_counts_working_days_over_christmas(case):
    enquiry = case.stages.get()
    # Friday 19 December 2025: 22, 23, then 24 December; the council also closes on Christmas Eve.
    assert (enquiry.stage, enquiry.internal_due, enquiry.ombudsman_due) == (
        Stage.ENQUIRY,
        dt.date(2025, 12, 23),
        dt.date(2025, 12, 24),
    )
    ClosureDay.objects.create(date=dt.date(2025, 12, 24), description="Christmas Eve")
    later = workflow.open_case(
        reference="25 001 002", procedure=case.procedure, received=dt.date(2025, 12, 19)
    ).stages.get()
    # 25, 26 December are bank holidays, the weekend follows: Monday 29 December.
    assert later.ombudsman_due == dt.date(2025, 12, 29)


def test_deadlines_follow_the_councils_settings(case):
    settings = OmbudsmanSettings.current()
    settings.investigation_days, settings.investigation_internal_days = 15, 12
    settings.save()
    stage = workflow.start_stage(case, Stage.INVESTIGATION, dt.date(2026, 2, 2))
    assert (stage.internal_due, stage.ombudsman_due) == (dt.date(2026, 2, 18), dt.date(2026, 2, 23))


def test_the_ombudsmans_own_date_wins_and_ours_is_never_later(case):
    stage = workflow.start_stage(case, Stage.INVESTIGATION, dt.date(2026, 2, 2), ombudsman_due=dt.date(2026, 2, 13))
    # 18 working days would be 26 February: after the Ombudsman's date, so ours is its date.
    assert (stage.internal_due, stage.ombudsman_due) == (dt.date(2026, 2, 13), dt.date(2026, 2, 13))


def test_stages_only_move_forward_and_stop_at_the_decision(case):
    workflow.start_stage(case, Stage.DRAFT_DECISION, dt.date(2026, 3, 2))
    assert workflow.next_stages(case) == []
    with pytest.raises(ValidationError, match="already at draft decision"):
        workflow.start_stage(case, Stage.INVESTIGATION, dt.date(2026, 3, 3))
    workflow.record_decision(case, Decision.NOT_UPHELD, dt.date(2026, 4, 1))
    with pytest.raises(ValidationError, match="already decided"):
        workflow.start_stage(case, Stage.DRAFT_DECISION, dt.date(2026, 4, 2))


def test_an_answer_after_the_ombudsmans_deadline_is_late(case):
    stage = workflow.record_response(case, dt.date(2025, 12, 29))
    assert stage.late
    with pytest.raises(ValidationError, match="before the stage started"):
        workflow.record_response(case, dt.date(2025, 12, 1))


def test_a_premature_referral_starts_our_own_procedure(case, make_case):
    earlier = make_case(reference="ASC-2025-00010", received=dt.date(2025, 9, 1), summary="Late care visits")
    case.complaints.add(earlier)
    complaint = workflow.refer_back(case, dt.date(2026, 1, 5))
    case.refresh_from_db()
    assert (case.decision, case.decided) == (Decision.PREMATURE, dt.date(2026, 1, 5))
    assert set(case.complaints.all()) == {earlier, complaint}
    assert (complaint.kind, complaint.procedure.code, complaint.stage, complaint.received) == (
        Kind.COMPLAINT,
        "adult",
        1,
        dt.date(2026, 1, 5),
    )
    assert complaint.point_of_receipt.label == "Ombudsman referral"
    # Its stage 1 deadline comes from the procedure: 20 working days for adult social care.
    assert complaint.due == dt.date(2026, 2, 2)
    assert "25 001 001" in complaint.summary


def test_the_complaint_page_links_to_its_ombudsman_case(client, case, make_case, link_officer, manager):
    complaint = workflow.refer_back(case, dt.date(2026, 1, 5))
    client.force_login(link_officer)
    assert f'href="{case.get_absolute_url()}"' in client.get(complaint.get_absolute_url()).content.decode()


def test_fault_causing_injustice_tells_the_monitoring_officer_by_email(case, django_capture_on_commit_callbacks):
    settings = OmbudsmanSettings.current()
    settings.monitoring_officer_email = "mo@council.example"
    settings.save()
    workflow.record_decision(case, Decision.UPHELD_INJUSTICE, dt.date(2026, 3, 2), today=dt.date(2026, 3, 3))
    case.refresh_from_db()
    assert (case.monitoring_officer_told, case.monitoring_officer_email) == (dt.date(2026, 3, 3), "mo@council.example")
    message = OutboxMessage.objects.get()
    assert message.to == "mo@council.example"
    assert "25 001 001" in message.subject and "section 5A" in message.body


def test_a_public_report_tells_the_monitoring_officer_but_no_fault_does_not(case, make_case):
    settings = OmbudsmanSettings.current()
    settings.monitoring_officer_email = "mo@council.example"
    settings.save()
    workflow.record_decision(case, Decision.NOT_UPHELD, dt.date(2026, 3, 2))
    assert not case.needs_monitoring_officer and not OutboxMessage.objects.exists()
    other = workflow.open_case(reference="25 001 009", procedure=case.procedure, received=dt.date(2026, 1, 5))
    workflow.record_decision(other, Decision.UPHELD_NO_INJUSTICE, dt.date(2026, 3, 2), public_report=True)
    assert "a public report" in OutboxMessage.objects.get().subject


def test_without_an_address_the_case_waits_to_tell_the_monitoring_officer(case):
    workflow.record_decision(case, Decision.UPHELD_REMEDIED, dt.date(2026, 3, 2))
    assert case.needs_monitoring_officer and not case.monitoring_officer_told
    assert not workflow.tell_monitoring_officer(case, dt.date(2026, 3, 3))
    settings = OmbudsmanSettings.current()
    settings.monitoring_officer_email = "mo@council.example"
    settings.save()
    assert workflow.tell_monitoring_officer(case, dt.date(2026, 3, 4))
    assert case.monitoring_officer_told == dt.date(2026, 3, 4)


def test_a_remedy_is_due_20_working_days_after_the_decision_unless_set(case):
    workflow.record_decision(case, Decision.UPHELD_INJUSTICE, dt.date(2026, 3, 2))
    assert workflow.default_remedy_due(case) == dt.date(2026, 3, 30)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "payment"}, "amount", "Enter the amount"),
        ({"kind": "payment", "amount": Decimal("-5")}, "amount", "more than £0"),
        ({"kind": "apology", "completed": dt.date(2026, 3, 1)}, "completed", "before the final decision"),
        ({"kind": "apology", "accepted": True}, "accepted", "completed before"),
    ],
)
def test_what_a_remedy_must_record(case, fields, field, message):
    workflow.record_decision(case, Decision.UPHELD_INJUSTICE, dt.date(2026, 3, 2))
    with pytest.raises(ValidationError) as error:
        workflow.check_recommendation(Recommendation(case=case, **fields))
    assert message in " ".join(error.value.message_dict[field])
