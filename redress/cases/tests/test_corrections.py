"""Deadlines that stay true: corrected dates, extensions within the procedure's limits, the
Complaint Handling Code's stage 2, closure days, and bad dates refused on the record form."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from redress.cases import workflow
from redress.cases.models import EventKind, Person, Representation
from redress.procedures.models import ClosureDay

D = dt.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 2, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


JANUARY_5 = D(2026, 1, 5)  # a Monday


def complaint(make_case, officer, procedure="adult", received=JANUARY_5, **fields):
    case = make_case(procedure=procedure, received=received, **fields)
    workflow.recompute(case)
    case.save()
    workflow.triage(case, by=officer, date=received)
    return case


def test_correcting_the_date_received_moves_both_deadlines_and_is_on_the_timeline(client, officer, make_case):
    case = complaint(make_case, officer)
    assert (case.acknowledgement_due, case.due) == (D(2026, 1, 8), D(2026, 2, 2))
    client.force_login(officer)
    form = client.get(f"/cases/{case.reference}/correct-date/").content.decode()
    assert "Date received: 5 January 2026" in form
    response = client.post(
        f"/cases/{case.reference}/correct-date/",
        {"field": "received", **date("value", D(2026, 1, 12)), "reason": "The letter was stamped the 12th"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.received, case.acknowledgement_due, case.due) == (D(2026, 1, 12), D(2026, 1, 15), D(2026, 2, 9))
    event = case.events.last()
    assert (event.kind, event.field, event.previous, event.by) == (
        EventKind.DATE_CORRECTED,
        "received",
        D(2026, 1, 5),
        officer,
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Date received: 5 January 2026 corrected to 12 January 2026. The letter was stamped the 12th" in page
    assert "Monday 9 February 2026" in page


def test_correcting_the_date_received_works_out_the_age_again(make_case, officer):
    person = Person.objects.create(first_name="Alma", date_of_birth=D(1940, 1, 10))
    case = complaint(make_case, officer, complainant=person, service_user=person, su_age=85)
    workflow.correct_date(case, by=officer, date=D(2026, 2, 20), field="received", value=D(2026, 1, 12), reason="x")
    assert case.su_age == 86


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("received", D(2026, 2, 21), "Date received cannot be in the future"),
        ("received", D(2026, 1, 8), "Date acknowledged (7 January 2026) would be before the date received"),
        ("acknowledged", D(2026, 1, 5), "Date acknowledged is already 5 January 2026"),
        ("stage1_response", D(2026, 1, 6), "Choose a date this case has"),
    ],
)
def test_a_correction_that_breaks_a_rule_is_refused_and_changes_nothing(make_case, officer, field, value, message):
    case = complaint(make_case, officer)
    workflow.acknowledge(case, by=officer, date=D(2026, 1, 7) if field != "acknowledged" else D(2026, 1, 5))
    with pytest.raises(ValidationError, match=re.escape(message)):
        workflow.correct_date(case, by=officer, date=D(2026, 2, 20), field=field, value=value, reason="Typo")
    stored = Representation.objects.get(pk=case.pk)
    assert stored.received == D(2026, 1, 5) and not stored.events.filter(kind=EventKind.DATE_CORRECTED).exists()


def test_stage_dates_must_stay_in_order(make_case, officer):
    case = complaint(make_case, officer, procedure="children")
    workflow.respond(case, by=officer, date=D(2026, 1, 15))
    workflow.escalate(case, by=officer, date=D(2026, 1, 20))
    with pytest.raises(
        ValidationError, match="Stage 2 requested .20 January 2026. would be before stage 1 response sent"
    ):
        workflow.correct_date(
            case, by=officer, date=D(2026, 2, 20), field="stage1_response", value=D(2026, 1, 21), reason="x"
        )
    with pytest.raises(ValidationError, match="Give the reason"):
        workflow.correct_date(
            case, by=officer, date=D(2026, 2, 20), field="stage1_response", value=D(2026, 1, 14), reason=" "
        )


def test_the_correction_form_keeps_what_was_typed_and_explains_the_refusal(client, officer, make_case):
    case = complaint(make_case, officer)
    client.force_login(officer)
    page = client.post(
        f"/cases/{case.reference}/correct-date/",
        {"field": "received", **date("value", D(2099, 1, 12)), "reason": "Stamped later"},
    ).content.decode()
    assert "There is a problem" in page and "The right date must be today or in the past" in page
    assert "Stamped later" in page


@pytest.mark.parametrize(
    ("procedure", "latest"),
    [
        ("children", D(2026, 2, 2)),  # stage 1: 20 working days at most
        ("adult", D(2026, 7, 10)),  # the procedure's longest, 130 working days
    ],
)
def test_an_extension_past_the_procedures_longest_is_refused_naming_the_date(make_case, officer, procedure, latest):
    case = complaint(make_case, officer, procedure=procedure)
    later = latest + dt.timedelta(days=3)
    with pytest.raises(ValidationError, match=f"the latest response date is {latest:%-d %B %Y}"):
        workflow.extend(
            case, by=officer, date=D(2026, 1, 14), new_due=later, reason="Complex", agreed_on=D(2026, 1, 14)
        )
    assert workflow.extend(
        case, by=officer, date=D(2026, 1, 14), new_due=latest, reason="x", agreed_on=D(2026, 1, 14)
    ) == (
        ["10 July 2026 is after the six-month limit of 5 July 2026: record that the complainant agreed to it"]
        if procedure == "adult"
        else []
    )
    assert case.due == case.extended_to == latest


def test_childrens_stage_2_extends_to_65_working_days_at_most(make_case, officer):
    case = complaint(make_case, officer, procedure="children")
    workflow.respond(case, by=officer, date=D(2026, 1, 15))
    workflow.escalate(case, by=officer, date=D(2026, 2, 2))
    assert case.due == D(2026, 3, 9)  # 25 working days
    with pytest.raises(ValidationError, match="the latest response date is 7 May 2026"):
        workflow.extend(
            case, by=officer, date=D(2026, 2, 20), new_due=D(2026, 5, 8), reason="x", agreed_on=D(2026, 2, 20)
        )


def test_corporate_extensions_follow_the_code(make_case, officer):
    case = complaint(make_case, officer, procedure="corporate")
    workflow.acknowledge(case, by=officer, date=D(2026, 1, 7))
    assert case.due == D(2026, 1, 21)  # 10 working days after the acknowledgement
    with pytest.raises(ValidationError, match="the latest response date is 4 February 2026"):
        workflow.extend(
            case, by=officer, date=D(2026, 1, 14), new_due=D(2026, 2, 5), reason="x", agreed_on=D(2026, 1, 14)
        )
    workflow.respond(case, by=officer, date=D(2026, 1, 21))
    workflow.escalate(case, by=officer, date=D(2026, 2, 5))
    # Stage 2: begun on the request, acknowledged within 5 working days, answered 20 after that.
    assert (case.stage_started, case.acknowledgement_due, case.stage_acknowledged) == (
        D(2026, 2, 5),
        D(2026, 2, 12),
        None,
    )
    assert case in Representation.objects.awaiting_acknowledgement()
    workflow.acknowledge(case, by=officer, date=D(2026, 2, 9))
    assert (case.stage_acknowledged, case.due) == (D(2026, 2, 9), D(2026, 3, 9))
    assert case not in Representation.objects.awaiting_acknowledgement()
    with pytest.raises(ValidationError, match="the latest response date is 8 April 2026"):
        workflow.extend(
            case, by=officer, date=D(2026, 2, 20), new_due=D(2026, 4, 9), reason="x", agreed_on=D(2026, 2, 20)
        )


def test_the_page_never_shows_a_stage_starting_in_the_future(client, officer, make_case):
    case = complaint(make_case, officer, procedure="corporate")
    workflow.acknowledge(case, by=officer, date=D(2026, 1, 7))
    workflow.respond(case, by=officer, date=D(2026, 1, 21))
    workflow.escalate(case, by=officer, date=D(2026, 2, 19))  # its acknowledgement is due 26 February
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Stage 2, started 19 February 2026" in page
    assert "Due by 26 February 2026" in page  # the acknowledgement
    assert "Thursday 26 March 2026" in page  # 20 working days after the acknowledgement is due
    assert "Record the acknowledgement" in page


def test_an_extension_agreed_by_mistake_can_be_withdrawn_or_corrected(client, officer, make_case):
    case = complaint(make_case, officer, procedure="children")
    workflow.extend(case, by=officer, date=D(2026, 1, 14), new_due=D(2026, 1, 30), reason="x", agreed_on=D(2026, 1, 14))
    client.force_login(officer)
    url = f"/cases/{case.reference}/change-extension/"
    page = client.post(url, {"change": "correct", "reason": "Wrong day"}).content.decode()
    assert "Enter the agreed response date" in page and "Wrong day" in page
    client.post(url, {"change": "correct", **date("new_due", D(2026, 1, 28)), "reason": "Wrong day"})
    case.refresh_from_db()
    assert case.due == case.extended_to == D(2026, 1, 28)
    client.post(url, {"change": "withdraw", "reason": "Agreed with the wrong family"})
    case.refresh_from_db()
    assert case.due == D(2026, 1, 19) and case.extended_to is None  # the timescale's 10 working days
    assert [e.kind for e in case.events.all()][-3:] == ["extended", "extended", "extension_withdrawn"]
    assert "/change-extension/" not in client.get(case.get_absolute_url()).content.decode()


def test_pausing_after_an_extension_keeps_the_agreed_date_and_says_why(client, officer, make_case):
    case = complaint(make_case, officer, procedure="children")
    workflow.extend(case, by=officer, date=D(2026, 1, 14), new_due=D(2026, 1, 30), reason="x", agreed_on=D(2026, 1, 14))
    workflow.pause(case, by=officer, date=D(2026, 1, 15), reason="Waiting for consent")
    workflow.resume(case, by=officer, date=D(2026, 1, 20))
    assert case.due == D(2026, 1, 30)
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "The clock was paused after the extension to 30 January 2026 was agreed, so that date does not move" in page


def test_a_red_risk_rating_gives_65_working_days(client, officer, make_case):
    case = complaint(make_case, officer)
    client.force_login(officer)
    client.post(f"/cases/{case.reference}/timescale/", {"risk": "red"})
    case.refresh_from_db()
    assert case.risk == "red" and case.due == D(2026, 4, 8)
    assert case.events.last().reason == "Red (high risk)."
    page = client.post(f"/cases/{case.reference}/timescale/", {"risk": "", "target_days": "25"}).content.decode()
    assert "Give the reason for a timescale of its own" in page


def test_a_closure_day_moves_every_open_deadline_it_affects_and_track_your_case_shows_it(
    client, administrator, officer, make_case, django_capture_on_commit_callbacks
):
    person = Person.objects.create(first_name="Susan", email="susan@example.com")
    affected = complaint(make_case, officer, complainant=person, service_user=person)
    before = complaint(make_case, officer, received=D(2025, 12, 1))  # due 31 December: not affected
    closed = complaint(make_case, officer)
    workflow.withdraw(closed, by=officer, date=D(2026, 1, 9))
    client.force_login(administrator)
    response = client.post(
        "/settings/procedures/closure-days/", {**date("date", D(2026, 1, 20)), "description": "Election"}, follow=True
    )
    assert "The deadlines of 1 open complaint were worked out again" in response.content.decode()
    affected.refresh_from_db()
    before.refresh_from_db()
    assert affected.due == D(2026, 2, 3) and before.due == D(2025, 12, 31)

    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/track/", {"reference": affected.reference, "email": "susan@example.com"})
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    client.post("/track/code/", {"code": code})
    assert "3 February 2026" in client.get("/track/case/").content.decode()

    client.force_login(administrator)
    day = ClosureDay.objects.get()
    client.post(f"/settings/procedures/closure-days/{day.pk}/remove/")
    affected.refresh_from_db()
    assert affected.due == D(2026, 2, 2)


def test_a_received_date_in_the_future_is_refused_keeping_what_was_typed(client, officer):
    client.force_login(officer)
    data = {"route": "adult", **date("received", D(2026, 2, 21)), "same_person": "yes", "summary": "Carers late"}
    page = client.post("/cases/new/complaint/", {**data, "complainant-first_name": "Ruth"}).content.decode()
    assert "Date received must be today or in the past" in page and 'value="Ruth"' in page
    assert not Representation.objects.exists()


@pytest.mark.parametrize(
    ("born", "message"),
    [
        (D(2026, 3, 1), "Date of birth must be today or in the past"),
        (D(2026, 1, 10), "Date of birth must be on or before the date received (5 January 2026)"),
        (D(1800, 1, 1), "Date of birth must be after 1 January 1900"),
    ],
)
def test_an_impossible_date_of_birth_is_explained_not_a_server_error(client, officer, born, message):
    client.force_login(officer)
    data = {"route": "adult", **date("received", D(2026, 1, 5)), "same_person": "yes", "summary": "Carers late"}
    data |= {"complainant-first_name": "Ruth", **date("complainant-date_of_birth", born)}
    response = client.post("/cases/new/complaint/", data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page and 'value="Ruth"' in page
    assert not Representation.objects.exists()


def test_a_case_whose_deadlines_were_never_worked_out_can_still_be_acknowledged(make_case, officer):
    case = make_case(procedure="children", received=JANUARY_5)  # as an import or older record leaves it
    assert case.stage_started is None
    workflow.acknowledge(case, by=officer, date=D(2026, 1, 6))
    assert (case.acknowledged, case.stage_acknowledged, case.due) == (D(2026, 1, 6), D(2026, 1, 6), D(2026, 1, 19))
