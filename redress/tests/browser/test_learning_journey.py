"""A complaints officer sets a learning action on an upheld complaint and sees it through."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from redress.cases.models import Outcome
from redress.learning.models import LearningAction, Status


def test_officer_adds_a_learning_action_completes_it_and_finds_it_on_the_list(
    journey, officer, investigator, make_case
):
    case = make_case(outcome=Outcome.UPHELD)
    due = timezone.localdate() + dt.timedelta(days=30)
    page = journey.page
    journey.sign_in("olivia")

    journey.goto(f"/learning/cases/{case.reference}/add/")
    page.get_by_label("What will change").fill("Brief the home care team on starting packages on time")
    page.get_by_label("Team", exact=True).check()
    page.get_by_label("Training or briefing").check()
    page.get_by_label("Owner").select_option(label="Ian Iqbal (Investigating officer)")
    due_date = page.get_by_role("group", name="Due date")
    due_date.get_by_label("Day").fill(str(due.day))
    due_date.get_by_label("Month").fill(str(due.month))
    due_date.get_by_label("Year").fill(str(due.year))
    journey.click("button", "Save")
    expect(page.get_by_text(f"Learning action added to {case.reference}")).to_be_visible()

    journey.goto("/learning/")
    expect(page.locator("#learning-counts")).to_contain_text("1 open")
    journey.click("link", "Brief the home care team on starting packages on time")

    page.get_by_label("Completed", exact=True).check()
    journey.click("button", "Save")
    expect(page.get_by_role("link", name="Enter the evidence that the action is complete")).to_be_visible()

    page.get_by_label("Evidence of completion").fill("Briefing held on the team day; minutes saved to the case file")
    journey.click("button", "Save")

    journey.goto("/learning/?show=completed")
    expect(page.locator("#learning-count")).to_have_text("1 learning action")
    row = page.get_by_role("row").filter(has_text="Brief the home care team")
    expect(row.get_by_role("link", name=case.reference)).to_be_visible()
    expect(row).to_contain_text("Ian Iqbal")
    expect(row).to_contain_text("Completed")
    assert LearningAction.objects.get().status == Status.COMPLETED
