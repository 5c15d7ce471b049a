"""A complaints officer puts right a wrong date and a mistaken extension in a real browser; the
deadlines follow, and each correction is on the timeline."""

import datetime as dt

import time_machine
from playwright.sync_api import expect

from redress.cases import workflow

from .test_workflow_journey import due, fill_date


def test_an_officer_corrects_the_date_received_and_withdraws_an_extension(journey, officer, make_case):
    with time_machine.travel(dt.datetime(2026, 2, 20, 10, tzinfo=dt.UTC)):
        case = make_case(procedure="children", received=dt.date(2026, 1, 5))
        workflow.recompute(case)
        case.save()
        workflow.triage(case, by=officer, date=dt.date(2026, 1, 5))
        page = journey.page
        journey.sign_in("olivia")
        journey.goto(case.get_absolute_url())
        assert "Monday 19 January 2026" in due(journey)  # 10 working days

        journey.click("link", "Correct a date")
        page.get_by_label("Date received: 5 January 2026").check()
        fill_date(page, "The right date", dt.date(2026, 1, 12))
        journey.click("button", "Correct a date")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter reason for the correction")
        page.get_by_label("Reason for the correction").fill("The letter was date-stamped the 12th")
        journey.click("button", "Correct a date")
        assert "Monday 26 January 2026" in due(journey)
        expect(page.locator("#timeline")).to_contain_text(
            "Date received: 5 January 2026 corrected to 12 January 2026. The letter was date-stamped the 12th"
        )

        journey.click("link", "Agree an extension")
        fill_date(page, "Date", dt.date(2026, 1, 20))
        fill_date(page, "New response date", dt.date(2026, 2, 10))  # past stage 1's 20 working days
        fill_date(page, "Date agreed with the complainant", dt.date(2026, 1, 20))
        page.get_by_label("Reason for the extension").fill("Waiting for the school's records")
        journey.click("button", "Agree an extension")
        expect(page.locator(".govuk-error-summary")).to_contain_text("the latest response date is 9 February 2026")
        fill_date(page, "New response date", dt.date(2026, 2, 9))
        journey.click("button", "Agree an extension")
        assert "Monday 9 February 2026" in due(journey)

        journey.click("link", "Withdraw or correct the extension")
        page.get_by_label("It was agreed by mistake: withdraw it").check()
        page.get_by_label("Reason").fill("Agreed on the wrong complaint")
        journey.click("button", "Withdraw or correct the extension")
        assert "Monday 26 January 2026" in due(journey)
        expect(page.locator("#timeline")).to_contain_text("Extension withdrawn")
