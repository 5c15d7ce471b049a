"""An adult complaint from a telephone call to the emailed, quality-checked stage response,
in a real browser, with axe checking every page."""

import datetime as dt
import io
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from redress.cases.models import Representation
from redress.notifications.reminders import send_outbox

from .test_case_journey import fill_in_the_people_and_concerns
from .test_workflow_journey import fill_date


def sign_in_as(journey, username: str) -> None:
    journey.page.context.clear_cookies()
    journey.sign_in(username)


def open_letter(journey, case, name: str) -> None:
    journey.goto(case.get_absolute_url())
    journey.page.get_by_role("table", name="Letters").get_by_role("link", name=re.compile(name)).click()
    journey.check()


def test_a_telephoned_complaint_to_an_approved_response_emailed_with_its_pdf(
    journey, officer, investigator, manager, area, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    area("Adult Services", manager=manager)
    # A journey's server keeps the real clock: the call came a week ago.
    received = timezone.localdate() - dt.timedelta(days=7)
    page = journey.page

    # The complaints officer records the call.
    journey.sign_in("olivia")
    journey.click("link", "Record a representation")
    page.get_by_label("Complaint", exact=True).check()
    journey.click("button", "Continue")
    page.get_by_label("Adult social care").check()
    fill_date(page, "Date received", received)
    page.get_by_label("Method").select_option("Telephone")
    page.get_by_label("Service area").select_option("Adult Services")
    fill_in_the_people_and_concerns(page, email="priya@example.com")
    journey.click("button", "Save")
    case = Representation.objects.get(complainant__last_name="Quennell")

    # Triage, then the acknowledgement, which prompts for its letter: sent by post, unchecked.
    journey.click("link", "Triage")
    fill_date(page, "Date", received)
    page.get_by_label("As a complaint under its procedure").check()
    page.get_by_label("No", exact=True).check()
    journey.click("button", "Triage")
    journey.click("link", "Record the acknowledgement")
    fill_date(page, "Date", received + dt.timedelta(days=1))
    journey.click("button", "Record the acknowledgement")
    journey.click("link", "Produce the acknowledgement letter")
    expect(page.get_by_label("Acknowledgement")).to_be_checked()
    journey.click("button", "Produce letter")
    expect(page.get_by_role("heading", name="Acknowledgement letter")).to_be_visible(timeout=30_000)
    journey.check()
    journey.click("link", "Send the letter")
    page.get_by_label("By post").check()
    journey.click("button", "Send")
    expect(page.locator("#letter-status")).to_contain_text("By post")

    journey.goto(case.get_absolute_url())
    journey.click("link", "Allocate")
    page.get_by_label("Investigating officer").select_option(value=str(investigator.pk))
    journey.click("button", "Allocate")

    # The investigating officer records a finding and what was found on each concern, drafts the
    # response from them and submits it.
    sign_in_as(journey, "ian")
    journey.goto(case.get_absolute_url())
    journey.click("link", "Record the findings")
    wait = page.get_by_role("group", name=re.compile("Eleven weeks"))
    wait.get_by_label("Upheld", exact=True).check()
    wait.get_by_label("What was found on concern 1").fill("The referral sat in a queue for nine weeks.")
    phone = page.get_by_role("group", name=re.compile("Dismissive on the phone"))
    phone.get_by_label("Not upheld", exact=True).check()
    phone.get_by_label("What was found on concern 2").fill("The recorded call was polite throughout.")
    journey.click("button", "Save the stage 1 findings")
    journey.click("link", "Produce a letter")
    page.get_by_label("Stage response").check()
    journey.click("button", "Produce letter")
    expect(page.locator("#letter-text")).to_contain_text("Our finding: Upheld", timeout=30_000)
    journey.check()
    expect(page.locator("#letter-text")).to_contain_text("The recorded call was polite throughout.")
    journey.click("link", "Submit for approval")
    journey.click("button", "Submit for approval")

    # The manager returns it with a comment.
    sign_in_as(journey, "mina")
    open_letter(journey, case, "Stage response letter")
    journey.click("link", "Check the response")
    page.get_by_label("No, return it with comments").check()
    page.get_by_label("Comments for the investigating officer").fill("Say sorry for the wait.")
    journey.click("button", "Save the decision")
    expect(page.locator("#quality-check")).to_contain_text("Say sorry for the wait.")

    # The officer changes the draft and submits it again.
    sign_in_as(journey, "ian")
    open_letter(journey, case, "Stage response letter")
    expect(page.locator("#letter-status")).to_contain_text("Returned for changes")
    journey.click("link", "Change the letter")
    letter = page.get_by_label("Letter", exact=True)
    letter.fill(letter.input_value() + "\n\nWe are sorry your father waited so long.")
    journey.click("button", "Save the letter")
    journey.click("link", "Submit for approval")
    journey.click("button", "Submit for approval")
    expect(page.locator("#letter-status")).to_contain_text("Waiting for approval")

    # The complaints officer cannot send it before it is approved.
    sign_in_as(journey, "olivia")
    open_letter(journey, case, "Stage response letter")
    expect(page.get_by_role("link", name="Send the letter")).to_have_count(0)
    expect(page.get_by_text("A stage response is sent only once")).to_be_visible()

    sign_in_as(journey, "mina")
    open_letter(journey, case, "Stage response letter")
    journey.click("link", "Check the response")
    page.get_by_label("Yes, approve it").check()
    journey.click("button", "Save the decision")
    expect(page.locator("#letter-status")).to_contain_text("Approved")

    # Emailed with the PDF attached; the case says what went, to whom, how and when.
    sign_in_as(journey, "olivia")
    open_letter(journey, case, "Stage response letter")
    journey.click("link", "Send the letter")
    page.get_by_label("By email, with the letter attached as a PDF").check()
    journey.click("button", "Send")
    journey.goto(case.get_absolute_url())
    expect(page.get_by_role("table", name="Letters")).to_contain_text(
        "By email, with the letter attached as a PDF to priya@example.com"
    )
    send_outbox()
    (email,) = [m for m in mail.outbox if m.to == ["priya@example.com"]]
    (_, content, kind) = email.attachments[0]
    assert kind == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    for words in ("Eleven weeks", "Upheld", "nine weeks", "Dismissive on the phone", "Not upheld", "sorry your father"):
        assert words in text
    assert [r.step for r in case.letters.get(kind="response").reviews.all()] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]
