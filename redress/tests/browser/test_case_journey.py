"""A complaints officer's first afternoon, in a real browser."""

import re

from playwright.sync_api import expect

from redress.accounts.models import User
from redress.accounts.pickers import staff_label
from redress.cases.models import Representation
from redress.demo.generate import PASSWORD as DEMO_PASSWORD
from redress.demo.generate import load as load_demo


def test_new_user_signs_in_with_a_demo_account_and_records_a_complaint_for_a_father(journey):
    """The README's first steps: the demo council, its printed sign-in, and a complaint."""
    load_demo()
    page = journey.page
    journey.sign_in("officer", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

    journey.click("link", "Record a representation")
    page.get_by_label("Complaint", exact=True).check()
    journey.click("button", "Continue")

    page.get_by_label("Adult social care").check()
    received = page.get_by_role("group", name="Date received")
    received.get_by_label("Day").fill("2")
    received.get_by_label("Month").fill("3")
    received.get_by_label("Year").fill("2026")
    page.get_by_label("Method").select_option("Email")
    page.get_by_label("Service area").select_option("Adult Services > Assessment & Care Management > Older People Team")
    fill_in_the_people_and_concerns(page)
    investigator = User.objects.get(username="investigator")
    journey.click("button", "Save")

    case = Representation.objects.get(complainant__last_name="Quennell")
    assert re.fullmatch(r"ASC-\d{4}-\d{5}", case.reference)
    expect(page.get_by_role("heading", name=case.reference)).to_be_visible()
    expect(page.get_by_text(f"Complaint {case.reference} saved")).to_be_visible()
    concerns = page.get_by_role("table", name="Concerns raised")
    expect(concerns.get_by_role("cell", name="Communication > Attitude of staff")).to_be_visible()
    expect(concerns.get_by_role("cell", name="Standard of Service > Delay in receiving service")).to_be_visible()

    # Find it again by surname.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").click()
    journey.check()
    page.get_by_label("Search").fill("Quennell")
    journey.click("button", "Apply")
    expect(page.locator("#case-count")).to_have_text(re.compile("1 case match"))
    journey.click("link", case.reference)

    # Edit it, allocate it through its action, and see both changes in the audit trail.
    journey.click("link", f"Edit {case.reference}")
    page.get_by_label("Summary").fill("Her father waited twelve weeks for a care package.")
    journey.click("button", "Save")
    journey.click("link", "Allocate")
    page.get_by_label("Investigating officer").select_option(label=staff_label(investigator))
    journey.click("button", "Allocate")
    trail = page.locator("#audit-trail + p + table")
    expect(trail).to_contain_text("Her father waited eleven weeks for a care package.")
    expect(trail).to_contain_text("Her father waited twelve weeks for a care package.")
    allocation = trail.get_by_role("row").filter(has_text="Investigating officer")
    expect(allocation).to_contain_text(investigator.get_full_name())
    expect(trail).to_contain_text(User.objects.get(username="officer").get_full_name())
    expect(page.locator("#timeline")).to_contain_text("Allocated")
    case.refresh_from_db()
    assert case.investigating_officer == investigator


def test_form_errors_are_summarised_and_linked_to_the_field(journey, officer):
    page = journey.page
    journey.sign_in("olivia")
    journey.goto("/cases/new/complaint/")
    received = page.get_by_role("group", name="Date received")
    received.get_by_label("Day").fill("31")
    received.get_by_label("Month").fill("2")
    received.get_by_label("Year").fill("2026")
    journey.click("button", "Save")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the procedure, or ineligible")
    expect(summary).to_contain_text("Date received must be a real date")
    summary.get_by_role("link", name="Date received must be a real date").click()
    expect(page.locator("#id_received")).to_be_focused()
    assert not Representation.objects.exists()


def test_investigating_officer_cannot_open_a_case_not_allocated_to_them(journey, investigator, make_case):
    mine = make_case(investigating_officer=investigator)
    not_mine = make_case()
    journey.sign_in("ian")
    journey.goto("/cases/")
    expect(journey.page.get_by_role("link", name=mine.reference)).to_be_visible()
    expect(journey.page.get_by_role("link", name=not_mine.reference)).to_have_count(0)
    response = journey.page.goto(journey.base_url + not_mine.get_absolute_url())
    assert response.status == 404


def fill_in_the_people_and_concerns(page, email: str = "") -> None:
    """The journeys' complaint: Priya Quennell's, for her father George, about two concerns."""
    page.locator("#id_complainant-first_name").fill("Priya")
    page.locator("#id_complainant-last_name").fill("Quennell")
    if email:
        page.locator("#id_complainant-email").fill(email)
    page.get_by_label("No, someone is acting for them").check()
    page.get_by_label("Relationship").select_option("Son/Daughter")
    page.get_by_label("Consent given").check()
    page.locator("#id_service_user-first_name").fill("George")
    page.locator("#id_service_user-last_name").fill("Quennell")
    page.get_by_label("Summary").fill("Her father waited eleven weeks for a care package.")
    concern_1 = page.get_by_role("group", name="Concern 1")
    concern_1.get_by_label("Category").select_option("Standard of Service > Delay in receiving service")
    concern_1.get_by_label("What the concern is").fill("Eleven weeks' wait for home care")
    concern_2 = page.get_by_role("group", name="Concern 2")
    concern_2.get_by_label("Category").select_option("Communication > Attitude of staff")
    concern_2.get_by_label("What the concern is").fill("Dismissive on the phone")
