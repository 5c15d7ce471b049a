"""A complaints officer records a subject access request, finds the person's cases and downloads
the bundle, in a real browser."""

import datetime as dt
import io
import zipfile

from playwright.sync_api import expect

from redress.cases.models import Person

from .test_workflow_journey import fill_date


def test_a_subject_access_request_from_the_register_to_the_bundle(journey, officer, make_case):
    jane = Person.objects.create(first_name="Jane", last_name="Smith", email="jane.smith@example.org")
    case = make_case(complainant=jane, service_user=jane, summary="Missed visits")
    page = journey.page
    journey.sign_in("olivia")

    journey.click("link", "Information requests")
    journey.click("link", "Record an information request")
    page.get_by_label("Subject access: a copy of their information").check()
    page.get_by_label("Who made the request").fill("Jane Smith")
    page.get_by_label("Their first name").fill("Jane")
    page.get_by_label("Their last name").fill("Smith")
    page.get_by_label("Email address").fill("jane.smith@example.org")
    fill_date(page, "Date received", dt.date(2025, 1, 31))
    journey.click("button", "Save")
    expect(page.get_by_text("answer by 28 February 2025")).to_be_visible()

    # The search runs on what the request gave; the strong match is chosen already.
    expect(page.locator("#matches")).to_contain_text(case.reference)
    expect(page.get_by_role("checkbox", name=f"{case.reference}, received", exact=False)).to_be_checked()
    journey.click("button", "Include the chosen cases")
    expect(page.locator("#included")).to_contain_text(case.reference)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Overdue")

    journey.click("button", "Prepare the bundle")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the bundle").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    assert "index.pdf" in archive.namelist()

    journey.click("link", "Back to information requests")
    expect(page.locator("#requests")).to_contain_text("Overdue")
