"""A complaints officer keeps an old case with a legal hold; an administrator sees it on Retention."""

import datetime as dt

from playwright.sync_api import expect

from redress.cases.models import Outcome
from redress.retention.models import LegalHold


def test_a_legal_hold_is_placed_seen_on_the_retention_page_and_released(journey, officer, administrator, make_case):
    case = make_case(received=dt.date(2018, 3, 1), closed=dt.date(2018, 5, 1), outcome=Outcome.UPHELD)
    page = journey.page
    journey.sign_in("olivia")
    journey.goto(case.get_absolute_url())
    journey.click("link", "Place a legal hold")
    journey.click("button", "Place the hold")
    expect(page.get_by_role("link", name="Enter why the case must be kept")).to_be_visible()
    page.get_by_label("Why the case must be kept").fill("Insurance claim IC-77")
    journey.click("button", "Place the hold")
    expect(page.get_by_text("Kept until the hold is released: Insurance claim IC-77")).to_be_visible()

    page.context.clear_cookies()
    journey.sign_in("ada")
    journey.click("link", "Settings")
    journey.click("link", "Retention")
    expect(page.locator("#holds + table")).to_contain_text("Insurance claim IC-77")
    expect(page.locator("#next-run + p")).to_contain_text("will anonymise 0 cases")

    journey.goto(case.get_absolute_url())
    journey.click("button", f"Release the hold on {case.reference}")
    expect(page.get_by_text(f"Legal hold on {case.reference} released")).to_be_visible()
    assert LegalHold.objects.get().released_by == administrator
