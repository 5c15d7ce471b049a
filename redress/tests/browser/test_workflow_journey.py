"""Complaints taken through their procedures in a real browser, with deadlines checked against
dates worked out by hand over Christmas 2025 and Easter 2026."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from redress.cases.findings import record_findings
from redress.cases.models import Concern, Representation
from redress.configuration.models import Lookup


def fill_date(page, group: str, day: dt.date) -> None:
    box = page.get_by_role("group", name=group, exact=True)
    box.get_by_label("Day").fill(str(day.day))
    box.get_by_label("Month").fill(str(day.month))
    box.get_by_label("Year").fill(str(day.year))


def act(journey, case, action: str, on: dt.date, **answers) -> None:
    page = journey.page
    journey.click("link", action)
    fill_date(page, "Date", on)
    for label, value in answers.items():
        if isinstance(value, dt.date):
            fill_date(page, label, value)
        else:
            page.get_by_label(label, exact=True).fill(value)
    journey.click("button", action)
    expect(page.get_by_role("heading", name=case.reference)).to_be_visible()


def due(journey) -> str:
    return journey.page.locator("#response-due").inner_text()


def test_childrens_complaint_through_three_stages_with_a_pause_and_an_extension(
    journey, officer, investigator, make_case
):
    case = make_case(procedure="children", received=dt.date(2025, 12, 19), investigating_officer=investigator)
    journey.sign_in("olivia")
    journey.goto(case.get_absolute_url())

    act(journey, case, "Record the acknowledgement", dt.date(2025, 12, 22))
    # 10 working days from Friday 19 December: 22-24, 29-31 December, 2, 5, 6, 7 January.
    assert "Wednesday 7 January 2026" in due(journey)

    act(journey, case, "Pause the clock", dt.date(2025, 12, 22), **{"Why the clock is stopping": "Waiting for consent"})
    expect(journey.page.locator("#progress")).to_contain_text("Clock paused")
    act(journey, case, "Restart the clock", dt.date(2025, 12, 29))
    # Stopped for 23, 24 and 29 December: three more working days.
    assert "Monday 12 January 2026" in due(journey)

    act(
        journey,
        case,
        "Agree an extension",
        dt.date(2026, 1, 9),
        **{
            "New response date": dt.date(2026, 1, 19),
            "Date agreed with the complainant": dt.date(2026, 1, 9),
            "Reason for the extension": "Records held by another council",
        },
    )
    assert "Monday 19 January 2026" in due(journey) and "(extended)" in due(journey)
    act(journey, case, "Record the response", dt.date(2026, 1, 16))

    act(
        journey,
        case,
        "Record a request for the next stage",
        dt.date(2026, 3, 30),
        **{"Reason for accepting a late request": "The young person's advocate was on leave"},
    )
    # Stage 2: 25 working days from Monday 30 March, skipping Good Friday, Easter Monday and 4 May.
    assert "Thursday 7 May 2026" in due(journey)
    journey.click("link", "Allocate")
    fill_date(journey.page, "Date", dt.date(2026, 3, 31))
    journey.page.get_by_label("Investigating officer", exact=True).select_option(value=str(investigator.pk))
    journey.page.get_by_label("Independent Person").fill("Pat Okoye")
    journey.page.get_by_label("No: the investigating officer is from within the council").check()
    journey.click("button", "Allocate")
    act(journey, case, "Record the response", dt.date(2026, 5, 5))

    act(journey, case, "Record a request for the next stage", dt.date(2026, 5, 11))
    # Stage 3: panel within 30 working days of the request, skipping the spring bank holiday.
    assert "Tuesday 23 June 2026" in due(journey)
    act(journey, case, "Record the response", dt.date(2026, 6, 19))
    act(journey, case, "Close", dt.date(2026, 6, 22))

    case.refresh_from_db()
    assert case.stage == 3 and case.closed == dt.date(2026, 6, 22) and case.independent_person == "Pat Okoye"
    assert list(case.events.values_list("kind", flat=True)) == [
        "acknowledged",
        "paused",
        "resumed",
        "extended",
        "responded",
        "escalated",
        "allocated",
        "responded",
        "escalated",
        "responded",
        "closed",
    ]


def test_adult_complaint_from_triage_to_closure_with_a_learning_action(
    journey, officer, investigator, make_case, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = make_case(procedure="adult", received=dt.date(2026, 4, 1), investigating_officer=investigator)
    category = Lookup.objects.get(list_name="concern_category", label="Communication", parent=None)
    concern = Concern.objects.create(representation=case, category=category)
    record_findings(case, 1, {concern.pk: ("upheld", "")}, "")
    journey.sign_in("olivia")
    journey.goto(case.get_absolute_url())

    journey.click("link", "Triage")
    fill_date(journey.page, "Date", dt.date(2026, 4, 1))
    journey.page.get_by_label("As a complaint under its procedure").check()
    journey.page.get_by_label("No", exact=True).check()
    journey.click("button", "Triage")
    act(journey, case, "Record the acknowledgement", dt.date(2026, 4, 2))
    # 20 working days from Wednesday 1 April 2026 over Easter: Friday 1 May.
    assert "Friday 1 May 2026" in due(journey)
    act(journey, case, "Record the response", dt.date(2026, 4, 28))

    journey.click("link", "Close")
    fill_date(journey.page, "Date", dt.date(2026, 4, 29))
    journey.click("button", "Close")
    expect(journey.page.locator(".govuk-error-summary")).to_contain_text("learning action")

    journey.goto(f"/learning/cases/{case.reference}/add/")
    page = journey.page
    page.get_by_label("What will change").fill("Social workers confirm changes of worker in writing")
    page.get_by_label("Team").check()
    page.get_by_label("Practice").check()
    page.get_by_label("Owner").select_option(value=str(investigator.pk))
    # A journey's server keeps the real clock: due a month after today in London.
    next_month = timezone.localdate() + dt.timedelta(days=30)
    fill_date(page, "Due date", next_month)
    journey.click("button", "Save")

    journey.goto(case.get_absolute_url())
    act(journey, case, "Close", dt.date(2026, 4, 29))
    journey.click("link", "Produce a letter")
    journey.page.get_by_label("Closure").check()
    journey.click("button", "Produce letter")
    # Producing the Word and PDF files takes a few seconds on a busy machine.
    expect(journey.page.get_by_text("Closure letter drafted: check it, then send it")).to_be_visible(timeout=30_000)
    case.refresh_from_db()
    assert case.closed == dt.date(2026, 4, 29) and case.outcome == "upheld"
    assert "Ombudsman" in case.letters.get().text
    assert Representation.objects.get(pk=case.pk).learning_actions.count() == 1
