"""The link officer takes an Ombudsman case from enquiry to a remedy completed late, and compares
the council with its peers, in a real browser."""

import datetime as dt
import re

from playwright.sync_api import expect

from redress.notifications.models import OutboxMessage
from redress.ombudsman.models import OmbudsmanCase, OmbudsmanSettings

from .test_workflow_journey import fill_date


def save_step(journey, link: str, dates: dict[str, dt.date], button: str = "Save", choose: str = "") -> None:
    page = journey.page
    journey.click("link", link)
    if choose:
        page.get_by_label(choose, exact=True).check()
    for group, day in dates.items():
        fill_date(page, group, day)
    journey.click("button", button)


def stage_row(page, stage: str):
    return page.locator("#stages tr", has=page.get_by_role("rowheader", name=stage, exact=True))


def open_ombudsman(journey) -> None:
    journey.page.get_by_role("link", name="Ombudsman", exact=True).click()
    journey.check()


def sign_in_again(journey, username: str) -> None:
    journey.page.context.clear_cookies()
    journey.sign_in(username)


def test_a_case_from_enquiry_to_a_remedy_completed_late(journey, link_officer, manager, make_case):
    settings = OmbudsmanSettings.current()
    settings.monitoring_officer_email = "mo@council.example"
    settings.save()
    complaint = make_case(reference="ASC-2025-00077", received=dt.date(2025, 10, 6))
    page = journey.page
    journey.sign_in("lena")

    open_ombudsman(journey)
    journey.click("link", "Add an Ombudsman case")
    page.get_by_label("Ombudsman's reference").fill("25 012 345")
    page.get_by_label("The council's complaint references").fill("asc-2025-00077")
    page.get_by_label("The Ombudsman's investigator").fill("Sam Patel")
    fill_date(page, "Date the Ombudsman first contacted us", dt.date(2026, 1, 5))
    journey.click("button", "Save")
    expect(page.get_by_role("heading", name=re.compile("25 012 345"))).to_be_visible()
    expect(page.get_by_role("link", name=complaint.reference)).to_be_visible()
    # Enquiry: 3 working days from Monday 5 January, ours 2.
    expect(stage_row(page, "Enquiry and assessment")).to_contain_text("7 Jan 2026")
    expect(stage_row(page, "Enquiry and assessment")).to_contain_text("8 Jan 2026")

    save_step(journey, "Record our answer", {"Date we sent our answer to the Ombudsman": dt.date(2026, 1, 7)})
    expect(stage_row(page, "Enquiry and assessment")).to_contain_text("On time")

    save_step(
        journey,
        "Move to the next stage",
        {"Date the Ombudsman's letter arrived": dt.date(2026, 2, 2)},
        choose="Investigation",
    )
    # 20 working days from Monday 2 February is Monday 2 March; our 18 is Thursday 26 February.
    expect(stage_row(page, "Investigation")).to_contain_text("26 Feb 2026")
    expect(stage_row(page, "Investigation")).to_contain_text("2 Mar 2026")
    save_step(journey, "Record our answer", {"Date we sent our answer to the Ombudsman": dt.date(2026, 2, 25)})

    save_step(
        journey,
        "Move to the next stage",
        {"Date the Ombudsman's letter arrived": dt.date(2026, 3, 16), "The Ombudsman's deadline": dt.date(2026, 3, 30)},
        choose="Draft decision",
    )
    # The Ombudsman's own date stands; ours is 8 working days on, Thursday 26 March.
    expect(stage_row(page, "Draft decision")).to_contain_text("26 Mar 2026")
    expect(stage_row(page, "Draft decision")).to_contain_text("30 Mar 2026")
    save_step(journey, "Record our answer", {"Date we sent our answer to the Ombudsman": dt.date(2026, 3, 27)})

    save_step(
        journey,
        "Record the final decision",
        {"Date of the final decision": dt.date(2026, 4, 20)},
        button="Save decision",
        choose="Upheld: fault causing injustice",
    )
    expect(page.get_by_text("Decision recorded and the Monitoring Officer told")).to_be_visible()
    expect(page.get_by_text("The Monitoring Officer was told on")).to_be_visible()
    told = OutboxMessage.objects.get(to="mo@council.example")
    assert "25 012 345" in told.subject and "fault causing injustice" in told.subject

    journey.click("link", "Add a recommendation")
    page.get_by_label("Payment", exact=True).check()
    page.get_by_label("What the Ombudsman asked for").fill("Pay £250 for the distress caused.")
    page.get_by_label("Amount (£)").fill("250")
    page.get_by_label("Owner").select_option(label="Mina Marsh (Manager)")
    fill_date(page, "Due by", dt.date(2026, 5, 18))
    journey.click("button", "Save")
    expect(page.get_by_text("Remedy saved: Payment £250.00")).to_be_visible()

    # The owner finds the remedy on their dashboard and records it done, three days late.
    sign_in_again(journey, "mina")
    expect(page.get_by_role("heading", name="Remedies you own")).to_be_visible()
    journey.click("link", "25 012 345")
    journey.click("link", "Record progress Payment £250.00")
    fill_date(page, "Date completed", dt.date(2026, 5, 21))
    page.get_by_label("Evidence sent to the Ombudsman").fill("Payment made; remittance advice sent.")
    page.get_by_label("Yes", exact=True).check()
    journey.click("button", "Save")
    expect(page.get_by_role("table", name="Recommendations and remedies")).to_contain_text("Late")

    # The link officer's dashboard and view, and the annual report, count it as late.
    sign_in_again(journey, "lena")
    expect(page.locator("#ombudsman-remedies-year")).to_contain_text("0 completed on time, 1 completed late")
    journey.goto("/ombudsman/?year=2026")
    figures = page.locator("#year-figures")
    expect(figures.locator("div", has_text="Remedies completed late")).to_contain_text("1")
    expect(figures.locator("div", has_text="Upheld rate")).to_contain_text("100%")
    expect(figures.locator("div", has_text="Payments made")).to_contain_text("£250.00")

    journey.click("link", "Reports")
    page.get_by_label("Financial year").select_option("2025/26")
    page.get_by_label("Adult social care").check()
    journey.click("button", "Show the report")
    remedies = page.get_by_role("table", name="Remedies the Ombudsman asked for")
    expect(remedies.locator("tr", has_text="Completed late")).to_contain_text("1")
    expect(remedies.locator("tr", has_text="Completed on time")).to_contain_text("0")
    assert OmbudsmanCase.objects.get().compliance() == "late"


def test_the_peer_table_from_an_imported_file_and_a_malformed_one(journey, link_officer, tmp_path):
    page = journey.page
    good = tmp_path / "annual-statistics.csv"
    good.write_text(
        "Authority name,Region,Complaints and enquiries received,Upheld,Not upheld,Upheld rate (%),Compliance rate (%)\n"
        "Example Council,West Midlands,120,20,5,80%,100%\n"
        "Coventry City Council,West Midlands,150,12,8,60%,95%\n"
        "Solihull Council,West Midlands,80,6,6,50%,100%\n"
        "Leeds City Council,Yorkshire and the Humber,300,40,10,80%,100%\n"
    )
    bad = tmp_path / "broken.csv"
    bad.write_text(
        "council,region,received,upheld,not_upheld\nExample Council,West Midlands,120,twenty,5\n,West Midlands,1,1,1\n"
    )
    journey.sign_in("lena")
    open_ombudsman(journey)
    journey.click("link", "Compare with other councils")

    page.get_by_label("Which year do the statistics cover?").select_option("2025/26")
    page.get_by_label("Upload the Ombudsman's annual statistics").set_input_files(str(bad))
    journey.click("button", "Import")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("row 2, column upheld ('twenty'): must be a whole number")
    expect(summary).to_contain_text("row 3, column council: is required")
    expect(page.locator("#peer-table")).to_have_count(0)

    page.get_by_label("Which year do the statistics cover?").select_option("2025/26")
    page.get_by_label("Upload the Ombudsman's annual statistics").set_input_files(str(good))
    journey.click("button", "Import")
    expect(page.get_by_text("Statistics for 4 councils in 2025/26 imported")).to_be_visible()
    table = page.locator("#peer-table")
    rows = table.locator("tbody tr")
    # The council (the test council is "Example Council") beside the rest of its region, lowest upheld rate first.
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Solihull Council")
    expect(rows.nth(2)).to_contain_text("Example Council")
    expect(rows.nth(2)).to_contain_text("This council")
    expect(rows.nth(2)).to_contain_text("80%")
    expect(table).not_to_contain_text("Leeds")
    # The other councils in the region together: 18 upheld of 32 investigated.
    expect(table.locator("tfoot tr").first).to_contain_text("56%")
