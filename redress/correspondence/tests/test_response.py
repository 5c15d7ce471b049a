"""The stage response drafted from the findings, its quality check, and sending it from the case."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from redress.audit.trail import history_for_case
from redress.cases import workflow
from redress.cases.findings import record_findings
from redress.cases.models import Concern, Person, Remedy
from redress.configuration.models import Lookup, LookupList
from redress.correspondence import sending
from redress.correspondence.letters import findings_for_letter, produce_letter
from redress.correspondence.models import CaseLetter, LetterStatus
from redress.learning.models import ActionKind, LearningAction, Level
from redress.notifications.reminders import send_outbox


def _pdf_text(letter) -> str:
    with letter.pdf.open("rb") as file:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(file.read())).pages)


@pytest.fixture
def case(make_case, investigator, area, manager):
    complainant = Person.objects.create(first_name="Priya", last_name="Hartley", email="priya@example.com")
    made = make_case(
        complainant=complainant,
        investigating_officer=investigator,
        service_area=area("Adult Services", manager=manager),
    )
    workflow.recompute(made)
    made.save()
    categories = Lookup.objects.of(LookupList.CONCERN_CATEGORY).filter(parent__isnull=True)
    late = Concern.objects.create(representation=made, category=categories[0], description="Carers arrived late")
    calls = Concern.objects.create(representation=made, category=categories[1], description="Nobody returned my calls")
    record_findings(
        made,
        1,
        {
            late.pk: ("upheld", "The rota shows eleven late visits in March."),
            calls.pk: ("not_upheld", "The call log shows each call was returned the same day."),
        },
        "",
    )
    return made


@pytest.fixture
def response(case, investigator):
    return produce_letter(case, "response", investigator)


def test_the_response_sets_out_each_concern_with_its_finding_remedies_learning_and_next_steps(case, investigator):
    remedy_kind = Lookup.objects.of(LookupList.REMEDY_TYPE).first()
    Remedy.objects.create(case=case, kind=remedy_kind, details="A written apology from the team manager")
    LearningAction.objects.create(
        case=case,
        owner=investigator,
        due=dt.date(2026, 8, 1),
        what_will_change="Rotas are checked every week",
        level=Level.TEAM,
        kind=ActionKind.TRAINING,
    )
    letter = produce_letter(case, "response", investigator)
    pdf = _pdf_text(letter)
    assert "[Set out" not in letter.text and "{{" not in letter.text
    for words in (
        "Your concern: ",
        "Carers arrived late",
        "Our finding: Upheld",
        "eleven late visits",
        "Nobody returned my calls",
        "Our finding: Not upheld",
        "returned the same day",
        "your complaint is partially upheld",
        "A written apology from the team manager",
        "Rotas are checked every week",
        "12 months",
    ):
        assert words in letter.text
    assert "Carers arrived late" in pdf and "Not upheld" in pdf and "Ombudsman" in pdf


def test_the_letter_reads_the_findings_through_one_function(case):
    assert [(f["description"], f["finding"]) for f in findings_for_letter(case)] == [
        ("Carers arrived late", "Upheld"),
        ("Nobody returned my calls", "Not upheld"),
    ]


def test_the_findings_page_records_a_narrative_for_each_concern(client, officer, case):
    client.force_login(officer)
    concerns = list(case.concerns.all())
    data = {}
    for i, concern in enumerate(concerns):
        data |= {f"finding_{concern.pk}": "upheld", f"narrative_{concern.pk}": f"What we found about point {i + 1}"}
    client.post(f"/cases/{case.reference}/findings/", data)
    assert [f.narrative for _, f in case.findings_at(1)] == [
        "What we found about point 1",
        "What we found about point 2",
    ]


def test_the_draft_can_be_changed_before_it_is_submitted_and_not_after(client, investigator, case, response):
    client.force_login(investigator)
    url = f"/letters/cases/{case.reference}/{response.pk}/edit/"
    client.post(url, {"subject": "Our response", "text": "Dear Ms Hartley\n\nWe are sorry the carers were late."})
    response.refresh_from_db()
    assert "We are sorry the carers were late." in _pdf_text(response)
    sending.submit(response, by=investigator)
    page = client.post(url, {"subject": "Changed", "text": "Changed"}).content.decode()
    assert "waiting for approval or approved: it cannot be changed now" in page
    response.refresh_from_db()
    assert response.subject == "Our response"


def test_a_returned_response_goes_back_with_comments_and_an_approved_one_can_be_sent(
    case, response, investigator, manager, officer
):
    with pytest.raises(ValidationError, match="approved it"):
        sending.send(response, by=officer, how="email_attached")
    sending.submit(response, by=investigator)
    with pytest.raises(ValidationError, match="Say what needs to change"):
        sending.decide(response, by=manager, approve=False)
    sending.decide(response, by=manager, approve=False, comment="Say what the rota showed")
    assert response.status == LetterStatus.RETURNED
    sending.submit(response, by=investigator)
    sending.decide(response, by=manager, approve=True)
    steps = [(r.step, r.by.username, r.comment) for r in response.reviews.all()]
    assert steps == [
        ("submitted", "ian", ""),
        ("returned", "mina", "Say what the rota showed"),
        ("submitted", "ian", ""),
        ("approved", "mina", ""),
    ]
    # Each step is on the case's audit trail.
    trail = [entry for entry in history_for_case(case) if entry.content_type.model == "letterreview"]
    assert len(trail) == 4


def test_no_one_approves_their_own_response(case, response, officer):
    sending.submit(response, by=officer)
    with pytest.raises(ValidationError, match="Someone other than the person who submitted"):
        sending.decide(response, by=officer, approve=True)


def test_sending_an_unapproved_response_is_refused_with_the_reason(client, officer, case, response):
    client.force_login(officer)
    page = client.post(f"/letters/cases/{case.reference}/{response.pk}/send/", {"how": "post"}).content.decode()
    assert "A stage response is sent only once a manager or complaints officer has approved it" in page
    response.refresh_from_db()
    assert response.sent is None


def test_only_a_manager_or_complaints_officer_checks_a_response(client, investigator, case, response):
    sending.submit(response, by=investigator)
    client.force_login(investigator)
    url = f"/letters/cases/{case.reference}/{response.pk}/check/"
    assert client.post(url, {"decision": "approve"}).status_code == 404
    response.refresh_from_db()
    assert response.status == LetterStatus.SUBMITTED


def test_an_approved_response_is_emailed_with_the_pdf_and_the_case_says_what_went_where(
    client, officer, manager, investigator, case, response
):
    sending.submit(response, by=investigator)
    sending.decide(response, by=manager, approve=True)
    client.force_login(officer)
    client.post(f"/letters/cases/{case.reference}/{response.pk}/send/", {"how": "email_attached"})
    send_outbox()
    (email,) = mail.outbox
    assert email.to == ["priya@example.com"] and email.subject == response.subject
    (name, content, kind) = email.attachments[0]
    assert kind == "application/pdf" and "Carers arrived late" in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(content)).pages
    )
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert "By email, with the letter attached as a PDF to priya@example.com, 15 June 2026, 10:00" in page
    # Sending it is the stage's response, recorded through the workflow.
    case.refresh_from_db()
    assert case.stage1_response == dt.date(2026, 6, 15)
    assert case.events.filter(kind="responded", by=officer).exists()


def test_a_letter_can_go_in_the_body_of_the_email_or_be_marked_as_posted(case, officer):
    in_body = produce_letter(case, "acknowledgement", officer)
    sending.send(in_body, by=officer, how="email_body")
    send_outbox()
    assert mail.outbox[0].attachments == [] and "Thank you for contacting us" in mail.outbox[0].body
    posted = produce_letter(case, "extension", officer)
    sending.send(posted, by=officer, how="post")
    posted.refresh_from_db()
    assert posted.sent_how == "post" and posted.sent_to == "" and len(mail.outbox) == 1
    with pytest.raises(ValidationError, match="already been sent"):
        sending.send(posted, by=officer, how="post")


def test_an_email_to_a_complainant_without_an_address_is_refused(case, officer):
    case.complainant.email = ""
    case.complainant.save()
    letter = produce_letter(case, "acknowledgement", officer)
    with pytest.raises(ValidationError, match="no email address"):
        sending.send(letter, by=officer, how="email_attached")
    assert not CaseLetter.objects.filter(sent__isnull=False).exists()


def test_recording_the_acknowledgement_or_closure_prompts_for_its_letter(client, officer, case):
    client.force_login(officer)
    assert "Produce the acknowledgement letter" not in client.get(case.get_absolute_url()).content.decode()
    workflow.acknowledge(case, by=officer, date=dt.date(2026, 6, 12))
    page = client.get(case.get_absolute_url()).content.decode()
    assert f"/letters/cases/{case.reference}/new/?kind=acknowledgement" in page
    produce_letter(case, "acknowledgement", officer)
    assert "Produce the acknowledgement letter" not in client.get(case.get_absolute_url()).content.decode()
    case.closed = dt.date(2026, 6, 15)
    case.save()
    assert "Produce the closure letter" in client.get(case.get_absolute_url()).content.decode()


def test_a_case_closed_long_ago_asks_for_no_letter(client, officer, case):
    """Cases handled before their letters were kept in Redress do not ask for them for ever."""
    case.closed = dt.date(2026, 5, 29)  # 17 days before today
    case.save()
    client.force_login(officer)
    assert "Produce the closure letter" not in client.get(case.get_absolute_url()).content.decode()
