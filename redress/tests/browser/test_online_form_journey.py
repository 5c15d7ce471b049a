"""Members of the public use the online form in a real browser, with and without JavaScript;
axe checks every page they see. Staff then find the submission in the triage queue."""

import re
from pathlib import Path

import pytest
from django.core import mail

from redress.cases.models import Kind, Representation
from redress.intake.tests.helpers import PDF

BOTH = pytest.mark.parametrize("journey", [True, False], indirect=True, ids=["javascript", "no-javascript"])


def choose(journey, label: str) -> None:
    journey.page.get_by_label(label, exact=True).check()


def fill(journey, label: str, value: str) -> None:
    journey.page.get_by_label(label, exact=True).fill(value)


def carry_on(journey, button: str = "Continue") -> None:
    journey.click("button", button)


def your_details(journey, first: str, last: str, email: str) -> None:
    assert journey.page.get_by_role("heading", level=1).inner_text() == "Your details"
    fill(journey, "First name", first)
    fill(journey, "Last name", last)
    fill(journey, "Email address", email)
    carry_on(journey)
    choose(journey, "Email")
    carry_on(journey)


@BOTH
def test_a_daughter_complains_for_her_mother_with_a_letter_attached(journey, officer, tmp_path):
    journey.goto("/feedback/")
    assert "It is free" in journey.page.content()
    journey.click("button", "Start now")

    choose(journey, "Make a complaint")
    carry_on(journey)
    choose(journey, "Adult social care, such as care at home, a care home or a carer's assessment")
    carry_on(journey)
    choose(journey, "Someone else, such as a relative or someone I support")
    carry_on(journey)
    fill(journey, "Their first name", "Margaret")
    fill(journey, "Their last name", "Hughes")
    carry_on(journey)
    choose(journey, "Son/Daughter")
    carry_on(journey)

    # A mistake is shown in the error summary and the answer is asked for again.
    carry_on(journey)
    assert journey.page.locator(".govuk-error-summary").inner_text().count("Select whether they agree") == 1
    choose(journey, "Yes, they agree")
    carry_on(journey)
    # Asked of adults too, as the start page says.
    choose(journey, "Yes, please find me an advocate")
    carry_on(journey)

    your_details(journey, "Susan", "Hughes", "susan.hughes@example.com")
    fill(journey, "Do you need any help to contact us or to take part?", "Large print, please")
    carry_on(journey)
    fill(journey, "What happened?", "Carers missed four morning visits and Mum went without breakfast.")
    carry_on(journey)
    fill(journey, "What would you like to happen?", "An apology and carers who turn up.")
    carry_on(journey)

    letter = tmp_path / "letter from the agency.pdf"
    letter.write_bytes(PDF)
    journey.page.get_by_label("Upload a file").set_input_files(letter)
    journey.click("button", "Upload file")
    assert "letter from the agency.pdf" in journey.page.locator(".govuk-summary-list").inner_text()
    carry_on(journey)

    choose(journey, "Yes")
    carry_on(journey)
    choose(journey, "Female")
    carry_on(journey)
    fill(journey, "How old are they?", "84")
    carry_on(journey)
    choose(journey, "White: Irish")
    carry_on(journey)
    choose(journey, "Yes")
    carry_on(journey)

    assert journey.page.get_by_role("heading", level=1).inner_text() == "Check your answers before sending"
    answers = journey.page.locator(".govuk-summary-list").inner_text()
    assert "Margaret" in answers and "letter from the agency.pdf" in answers

    # Going back to change an answer keeps everything else.
    journey.page.get_by_role("link", name="Change what would you like to happen?").click()
    journey.check()
    fill(journey, "What would you like to happen?", "An apology, and a new care agency.")
    carry_on(journey, "Save and go back to your answers")
    assert "a new care agency" in journey.page.locator(".govuk-summary-list").inner_text()

    journey.click("button", "Send")
    reference = journey.page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"ASC-\d{4}-\d{5}", reference)

    # Refreshing the confirmation, or going back and sending again, makes no second case.
    journey.page.reload()
    journey.page.go_back()
    if journey.page.get_by_role("button", name="Send").count():
        journey.page.get_by_role("button", name="Send").click()
    assert Representation.objects.count() == 1
    assert any(reference in message.subject for message in mail.outbox)

    journey.goto("/feedback/sent/easy-read/")
    assert reference in journey.page.content()

    case = Representation.objects.get(reference=reference)
    assert case.service_user.first_name == "Margaret" and case.attachments.get().name == "letter from the agency.pdf"
    assert case.submission.advocate_requested

    journey.page.context.clear_cookies()
    journey.sign_in(officer.username)
    journey.goto("/cases/?queue=awaiting-triage")
    journey.click("link", reference)
    page = journey.page.content()
    assert "Sent through the online form" in page and "Large print, please" in page
    with journey.page.expect_download() as download:
        journey.page.get_by_role("link", name="letter from the agency.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF


@BOTH
def test_a_young_person_complains_with_an_advocate(journey):
    journey.goto("/feedback/young-people/")
    assert "An advocate is someone on your side" in journey.page.content()
    journey.click("button", "Start")
    choose(journey, "Make a complaint")
    carry_on(journey)
    choose(journey, "My social worker, foster carer, children's home or leaving care worker")
    carry_on(journey)
    choose(journey, "Myself")
    carry_on(journey)
    choose(journey, "I already have an advocate")
    fill(
        journey,
        "If you already have an advocate, tell us their name and how to contact them",
        "Dee from Voices, 01632 960777",
    )
    carry_on(journey)
    your_details(journey, "Jay", "Brooks", "jay.brooks@example.com")
    carry_on(journey)
    fill(journey, "What happened? Tell us in your own words.", "I have had four social workers this year.")
    carry_on(journey)
    fill(journey, "What would make things better for you?", "One social worker who stays.")
    carry_on(journey)
    carry_on(journey)  # no documents
    choose(journey, "No, skip these questions")
    carry_on(journey)
    journey.click("button", "Send")
    reference = journey.page.locator(".govuk-panel__body strong").inner_text()
    case = Representation.objects.get(reference=reference)
    assert reference.startswith("CSC-") and case.child_or_young_person and case.advocate
    assert "Dee from Voices" in case.submission.consent_details


@BOTH
def test_someone_gives_a_compliment(journey):
    journey.goto("/feedback/easy-read/")
    # The no-JavaScript run really has it off: GOV.UK Frontend's js-enabled class is never set.
    javascript = "js-enabled" in journey.page.evaluate("document.body.className")
    assert javascript == (journey.checker is None)
    journey.click("button", "Start now")
    choose(journey, "Give a compliment")
    carry_on(journey)
    choose(journey, "Adult social care, such as care at home, a care home or a carer's assessment")
    carry_on(journey)
    your_details(journey, "Tom", "Ng", "tom.ng@example.com")
    carry_on(journey)
    fill(journey, "What would you like to tell us?", "The reablement team got Dad walking again.")
    carry_on(journey)
    fill(journey, "Would you like to name the staff who helped? (optional)", "Priya and Sam")
    carry_on(journey)
    carry_on(journey)  # no documents
    journey.click("button", "Send")
    assert journey.page.get_by_role("heading", level=1).inner_text() == "Compliment sent"
    case = Representation.objects.get()
    assert case.kind == Kind.COMPLIMENT and case.staff_named == "Priya and Sam"


@pytest.mark.parametrize("journey", [True], indirect=True)
def test_the_person_tracks_their_case_and_a_wrong_code_shows_nothing(journey, make_case):
    from redress.cases.models import Person

    person = Person.objects.create(first_name="Ann", last_name="Lee", email="ann.lee@example.com")
    case = make_case(complainant=person, service_user=person)
    journey.goto("/track/")
    fill(journey, "Reference number", case.reference)
    fill(journey, "Email address", "ann.lee@example.com")
    journey.click("button", "Send me a code")
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    fill(journey, "Enter the code", "000000" if code != "000000" else "111111")
    carry_on(journey)
    assert "The code is not right" in journey.page.content() and case.reference not in journey.page.content()
    fill(journey, "Enter the code", code)
    carry_on(journey)
    assert journey.page.get_by_role("heading", level=1).inner_text() == case.reference


def test_staff_are_warned_before_opening_a_pdf_that_runs_a_script(journey, officer, make_case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from redress.intake.files import save_attachment
    from redress.intake.tests.samples import pdf_running_script

    case = make_case()
    save_attachment(SimpleUploadedFile("agency letter.pdf", pdf_running_script()), case=case)
    journey.sign_in(officer.username)
    journey.goto(case.get_absolute_url())
    files = journey.page.get_by_role("table", name="Files on this case").inner_text()
    assert "This PDF contains scripts" in files
    journey.click("link", "agency letter.pdf")
    assert journey.page.get_by_role("heading", level=1).inner_text() == "Before you open agency letter.pdf"
    with journey.page.expect_download() as download:
        journey.page.get_by_role("button", name="Download the PDF").click()
    assert Path(download.value.path()).read_bytes() == pdf_running_script()


def test_the_privacy_notice_and_accessibility_statement_are_in_the_footer(journey):
    journey.goto("/feedback/")
    journey.click("link", "Privacy")
    assert journey.page.get_by_role("heading", level=1).inner_text() == "Privacy notice"
    journey.click("link", "Accessibility statement")
    assert journey.page.get_by_role("heading", level=1).inner_text() == "Accessibility statement"
    assert "Web Content Accessibility Guidelines version 2.2 AA" in journey.page.content()
