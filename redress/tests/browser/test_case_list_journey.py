"""Finding a case on a phone."""

import datetime as dt

from playwright.sync_api import expect

from redress.cases.models import Person, Representation
from redress.cases.workflow import recompute_cases

PHONE = {"width": 390, "height": 844}


def test_an_officer_finds_a_case_by_postcode_on_a_phone_without_scrolling_sideways(
    journey, officer, investigator, make_case, area
):
    team = area("Adult Services > Assessment & Care Management > Older People Team")
    for n in range(12):
        person = Person.objects.create(
            first_name="Bartholomew-Alexander", last_name=f"Featherstonehaugh-{n}", postcode=f"LS{n} 4AP"
        )
        make_case(
            complainant=person, service_area=team, investigating_officer=investigator, received=dt.date(2026, 3, 2)
        )
    recompute_cases(Representation.objects.all())
    page = journey.page
    page.set_viewport_size(PHONE)
    journey.sign_in(officer.username)
    journey.goto("/cases/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]

    page.get_by_label("Search").fill("ls3 4ap")
    journey.click("button", "Apply")
    expect(page.locator("#case-count")).to_have_text("1 case matches your search")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    card = page.locator("tbody tr")
    expect(card).to_contain_text("Ian Iqbal")
    officer_cell = card.locator("[data-label=Officer]")
    assert "Officer: " in officer_cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    expect(card).to_contain_text("Overdue")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these cases as a spreadsheet").click()
    assert download.value.suggested_filename.endswith(".xlsx")
