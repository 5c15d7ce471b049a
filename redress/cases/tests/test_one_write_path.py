"""The workflow's fields change only through the workflow: every form that saves a case is posted
with each workflow field set to a value no action would give, and none of those values lands."""

import datetime as dt

import pytest
import time_machine

from redress.cases.models import STAGE_DATE_FIELDS, CaseEvent, Representation
from redress.configuration.models import Lookup, LookupList

D = dt.date

WORKFLOW_FIELDS = [
    "received",
    "acknowledged",
    "stage",
    *STAGE_DATE_FIELDS,
    "extended_to",
    "outcome",
    "closed",
    "target_days",
    "risk",
    "investigating_officer",
    "triaged",
    "due",
    "acknowledgement_due",
    "stage_acknowledged",
    "stage_started",
    "paused_since",
    "ineligible",
    "procedure",
    "remedy_amount",
]
JUNK_DATE = D(2020, 2, 3)
JUNK_DATES = ["received", "acknowledged", *STAGE_DATE_FIELDS, "extended_to", "closed", "due"]
JUNK_DATES += ["acknowledgement_due", "stage_acknowledged", "stage_started", "paused_since"]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 2, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def junk(administrator):
    """A value for every workflow field that no action on a corporate complaint would give."""
    values = {"stage": 3, "outcome": "upheld", "target_days": 7, "risk": "red", "triaged": "on"}
    values |= {"ineligible": "on", "procedure": "children", "remedy_amount": "999.00"}
    values |= {"investigating_officer": administrator.pk}
    for name in JUNK_DATES:
        values |= {name: JUNK_DATE.isoformat(), **date(name, JUNK_DATE)}
    return values


def assert_no_junk(case: Representation, administrator) -> None:
    case.refresh_from_db()
    for name in JUNK_DATES:
        assert getattr(case, name) != JUNK_DATE, name
    assert case.stage != 3 and case.outcome != "upheld" and case.target_days != 7 and case.risk != "red"
    assert not case.ineligible and case.procedure.code == "corporate"
    assert case.investigating_officer != administrator and case.remedy_amount != 999


def workflow_state(case: Representation) -> dict:
    case.refresh_from_db()
    return {name: getattr(case, name) for name in WORKFLOW_FIELDS}


def test_no_form_that_saves_a_case_changes_a_workflow_field_but_through_the_workflow(
    client, officer, investigator, manager, administrator, junk
):
    category = Lookup.objects.get(list_name=LookupList.CORPORATE_CONCERN_CATEGORY, label="Environmental services")
    record = {
        "route": "corporate",
        **date("received", D(2026, 1, 5)),
        "complainant-first_name": "Dev",
        "complainant-last_name": "Rao",
        "same_person": "yes",
        "summary": "Bins not collected for three weeks.",
        "concerns-TOTAL_FORMS": 1,
        "concerns-INITIAL_FORMS": 0,
        "concerns-0-topic": category.pk,
        "concerns-0-description": "Missed collections",
    }
    client.force_login(officer)
    assert client.post("/cases/new/complaint/", record).status_code == 302
    case = Representation.objects.get()
    assert case.acknowledgement_due == D(2026, 1, 12)  # the Code: 5 working days
    concern = case.concerns.get()
    url = f"/cases/{case.reference}"
    edit = {
        **record,
        "summary": "Bins not collected for four weeks.",
        "concerns-INITIAL_FORMS": 1,
        "concerns-0-id": concern.pk,
    }
    remedy_kind = Lookup.objects.get(list_name=LookupList.REMEDY_TYPE, label="Apology")
    steps = [
        # (who, path, what they post, the event it must record, or None for a record of its own)
        (officer, "/edit/", edit, None),
        (
            officer,
            "/triage/",
            {**date("date", D(2026, 1, 6)), "decision": "complaint", "safeguarding": "no"},
            "triaged",
        ),
        (officer, "/acknowledge/", date("date", D(2026, 1, 7)), "acknowledged"),
        (officer, "/allocate/", {**date("date", D(2026, 1, 7)), "officer": investigator.pk}, "allocated"),
        (
            investigator,
            "/extend/",
            {
                **date("date", D(2026, 1, 20)),
                **date("new_due", D(2026, 1, 28)),
                **date("agreed_on", D(2026, 1, 19)),
                "reason": "Waiting for the crew's log",
            },
            "extended",
        ),
        (
            investigator,
            "/change-extension/",
            {"change": "correct", **date("new_due", D(2026, 1, 30)), "reason": "Typed the wrong day"},
            "extended",
        ),
        (officer, "/pause/", {**date("date", D(2026, 1, 21)), "reason": "Waiting for consent"}, "paused"),
        (officer, "/resume/", date("date", D(2026, 1, 23)), "resumed"),
        (
            investigator,
            "/findings/",
            {f"finding_{concern.pk}": "not_upheld", "narrative": "The letter was late"},
            None,
        ),
        (investigator, "/remedies/add/", {"kind": remedy_kind.pk, "details": "Apologised by phone"}, None),
        (investigator, "/respond/", {**date("date", D(2026, 1, 29)), "outcome": ""}, "responded"),
        (officer, "/escalate/", date("date", D(2026, 2, 5)), "escalated"),
        (officer, "/acknowledge/", date("date", D(2026, 2, 9)), "acknowledged"),
        (
            officer,
            "/allocate/",
            {**date("date", D(2026, 2, 9)), "officer": manager.pk, "investigator": "internal"},
            "allocated",
        ),
        (manager, "/respond/", {**date("date", D(2026, 2, 16)), "outcome": ""}, "responded"),
        (officer, "/close/", date("date", D(2026, 2, 17)), "closed"),
        (officer, "/reopen/", {**date("date", D(2026, 2, 18)), "reason": "Asked to look again"}, "reopened"),
        (
            officer,
            "/correct-date/",
            {"field": "received", **date("value", D(2026, 1, 6)), "reason": "Letter was date-stamped the 6th"},
            "date_corrected",
        ),
        (officer, "/withdraw/", {**date("date", D(2026, 2, 19)), "reason": "No longer wanted"}, "withdrawn"),
        (
            officer,
            "/restrict-contact/",
            {"terms": "Email only", **date("starts", D(2026, 2, 19)), **date("review", D(2026, 5, 19))},
            None,
        ),
    ]
    for who, path, data, event in steps:
        before, events = workflow_state(case), CaseEvent.objects.filter(case=case).count()
        client.force_login(who)
        response = client.post(url + path, {**junk, **data})
        assert response.status_code == 302, (path, response.content.decode()[:3000])
        after = workflow_state(case)
        assert_no_junk(case, administrator)
        changed = {name for name in WORKFLOW_FIELDS if before[name] != after[name]}
        if event:
            assert CaseEvent.objects.filter(case=case).count() == events + 1, path
            assert CaseEvent.objects.filter(case=case).last().kind == event, path
        elif path == "/remedies/add/":
            assert changed <= {"remedy_amount"}, path
        else:
            assert changed == set(), (path, changed)

    case.refresh_from_db()
    assert case.summary == "Bins not collected for four weeks."
    assert case.received == D(2026, 1, 6) and case.outcome == "withdrawn" and case.closed == D(2026, 2, 19)
    assert case.stage1_response == D(2026, 1, 29) and case.stage2_response == D(2026, 2, 16)


def test_a_corporate_complaint_cannot_be_upheld_and_closed_through_edit(client, officer, junk, administrator):
    category = Lookup.objects.get(list_name=LookupList.CORPORATE_CONCERN_CATEGORY, label="Environmental services")
    record = {
        "route": "corporate",
        **date("received", D(2026, 1, 5)),
        "same_person": "yes",
        "summary": "Bins",
        "concerns-TOTAL_FORMS": 1,
        "concerns-INITIAL_FORMS": 0,
        "concerns-0-topic": category.pk,
    }
    client.force_login(officer)
    client.post("/cases/new/complaint/", record)
    case = Representation.objects.get()
    page = client.get(f"/cases/{case.reference}/edit/").content.decode()
    for label in ["Date closed", "Outcome", "Stage 1 response sent", "Response date extended to", "Highest stage"]:
        assert label not in page
    assert "Correct a date" in page
    data = {**record, **junk, "concerns-INITIAL_FORMS": 1, "concerns-0-id": case.concerns.get().pk}
    assert client.post(f"/cases/{case.reference}/edit/", data).status_code == 302
    case.refresh_from_db()
    assert not case.closed and case.outcome == "" and not case.triaged
    assert case.events.count() == 0
