"""An investigating officer sets themselves a task on their case, finds it on the dashboard and marks it done."""

from django.utils import timezone
from playwright.sync_api import expect

from redress.cases import workflow
from redress.tasks.models import Task


def test_officer_adds_a_task_sees_it_on_the_dashboard_and_marks_it_done(journey, investigator, make_case):
    case = make_case(received=timezone.localdate(), investigating_officer=investigator)
    workflow.recompute(case)
    case.save()
    today = timezone.localdate()
    page = journey.page
    journey.sign_in("ian")

    journey.goto(case.get_absolute_url())
    expect(page.locator("#tasks ~ p").first).to_have_text("No open tasks.")
    journey.click("link", "Add a task")
    journey.click("button", "Add task")
    expect(page.get_by_role("link", name="Enter what needs doing")).to_be_visible()
    page.get_by_label("What needs doing").fill("Ring the care agency for the visit logs")
    due = page.get_by_role("group", name="Due date")
    due.get_by_label("Day").fill(str(today.day))
    due.get_by_label("Month").fill(str(today.month))
    due.get_by_label("Year").fill(str(today.year))
    expect(page.get_by_label("Assigned to")).to_have_value(str(investigator.pk))
    journey.click("button", "Add task")
    expect(page.get_by_text(f"Task added to {case.reference}")).to_be_visible()

    journey.goto("/dashboard/")
    row = page.get_by_role("row").filter(has_text="Ring the care agency")
    expect(row.get_by_role("link", name=case.reference)).to_be_visible()
    expect(row).to_contain_text("Due today")
    row.get_by_role("button", name="Mark as done").click()
    journey.check()
    expect(page.get_by_text(f"Task on {case.reference} marked as done")).to_be_visible()
    expect(page.get_by_text("No tasks due in the next 7 days.")).to_be_visible()

    journey.goto(case.get_absolute_url())
    done = page.get_by_role("table", name="Done")
    expect(done).to_contain_text("Ring the care agency for the visit logs")
    expect(done).to_contain_text("by Ian Iqbal")
    assert Task.objects.get().done_by == investigator
