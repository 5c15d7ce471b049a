"""Erasure on request: a decision for each case, refusals with an Article 17(3) reason, the
retention rules' anonymising for the cases accepted, and the letter saying what was done."""

import datetime as dt

import pytest

from redress.information_rights.models import IncludedCase, InformationRequest
from redress.ombudsman import workflow
from redress.procedures.models import Procedure
from redress.retention.models import Anonymisation, LegalHold


def anonymised(*cases) -> list[tuple[str, object, str]]:
    """The anonymisations recorded on these cases: reference, by whom and why."""
    return [
        (record.case.reference, record.by, record.reason)
        for record in Anonymisation.objects.filter(case__in=cases).order_by("case__reference")
    ]


@pytest.fixture
def request_with_cases(make_case, jane):
    closed = make_case(complainant=jane, reference="ASC-2025-00001", closed=dt.date(2025, 9, 1))
    with_ombudsman = make_case(complainant=jane, reference="ASC-2025-00002", closed=dt.date(2025, 10, 1))
    ombudsman = workflow.open_case(
        reference="26 000 222", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 5, 1)
    )
    ombudsman.complaints.add(with_ombudsman)
    still_open = make_case(complainant=jane, reference="ASC-2026-00003")
    item = InformationRequest.objects.create(
        kind="erasure", requester_name="Jane Smith", email=jane.email, received=dt.date(2026, 6, 1)
    )
    for case in (closed, with_ombudsman, still_open):
        IncludedCase.objects.create(request=item, case=case, case_reference=case.reference, matched_on="email address")
    return item


def included(item, reference) -> IncludedCase:
    return item.cases.get(case_reference=reference)


def test_the_likely_exceptions_are_offered_an_open_ombudsman_case_and_an_open_complaint(
    client, officer, request_with_cases
):
    item = request_with_cases
    client.force_login(officer)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "The Ombudsman is still considering the complaint (its reference 26 000 222)" in page
    assert "The case is still open" in page
    form = client.get(f"/information-requests/{item.pk}/cases/{included(item, 'ASC-2025-00002').pk}/decision/")
    assert 'value="legal_claims" selected' in form.content.decode()


def test_a_refusal_needs_a_reason_from_article_17_3_and_an_explanation(client, officer, request_with_cases):
    item = request_with_cases
    url = f"/information-requests/{item.pk}/cases/{included(item, 'ASC-2025-00002').pk}/decision/"
    client.force_login(officer)
    page = client.post(url, {"decision": "refuse", "ground": "", "explanation": " "}).content.decode()
    assert "Select the reason for refusing" in page and "Explain why it is refused" in page
    assert (
        "Choose reason for refusing from the list"
        in client.post(url, {"decision": "refuse", "ground": "because"}).content.decode()
    )
    client.post(url, {"decision": "refuse", "ground": "legal_claims", "explanation": "The Ombudsman is investigating."})
    decided = included(item, "ASC-2025-00002")
    assert (decided.decision, decided.ground, decided.decided_by) == ("refuse", "legal_claims", officer)


def test_erasing_anonymises_only_the_cases_accepted_and_writes_the_outcome_letter(
    client, officer, request_with_cases, jane
):
    item = request_with_cases
    client.force_login(officer)
    decide = f"/information-requests/{item.pk}/cases/{{}}/decision/"
    client.post(decide.format(included(item, "ASC-2025-00001").pk), {"decision": "erase"})
    client.post(
        decide.format(included(item, "ASC-2025-00002").pk),
        {"decision": "refuse", "ground": "legal_claims", "explanation": "The Ombudsman is investigating it."},
    )
    client.post(
        decide.format(included(item, "ASC-2026-00003").pk),
        {"decision": "refuse", "ground": "legal_obligation", "explanation": "We are still answering it."},
    )
    client.post(f"/information-requests/{item.pk}/erase/")

    cases = [included(item, reference).case for reference in ("ASC-2025-00001", "ASC-2025-00002", "ASC-2026-00003")]
    assert anonymised(*cases) == [("ASC-2025-00001", officer, f"Erasure requested ({item.number})")]
    erased = included(item, "ASC-2025-00001")
    erased.case.refresh_from_db()
    assert erased.erased is not None
    assert erased.case.complainant.email != jane.email  # the case no longer names her
    assert cases[1].complainant.email == jane.email  # the refused one still does
    assert included(item, "ASC-2025-00002").erased is None
    item.refresh_from_db()
    letter = item.outcome_letter
    assert "We have erased the personal information in our records ASC-2025-00001." in letter
    assert "not erased the information in ASC-2025-00002, because of legal claims (Article 17(3)(e))" in letter
    assert "The Ombudsman is investigating it." in letter and "ico.org.uk" in letter
    # Erasing again does nothing more.
    client.post(f"/information-requests/{item.pk}/erase/")
    assert len(anonymised(*cases)) == 1


def test_a_case_that_cannot_be_erased_says_why_and_keeps_the_decision(client, officer, request_with_cases):
    item = request_with_cases
    still_open = included(item, "ASC-2026-00003")
    client.force_login(officer)
    client.post(f"/information-requests/{item.pk}/cases/{still_open.pk}/decision/", {"decision": "erase"})
    page = client.post(f"/information-requests/{item.pk}/erase/", follow=True).content.decode()
    assert "ASC-2026-00003 is still open: close it before removing its personal details" in page
    still_open.refresh_from_db()
    assert (still_open.decision, still_open.erased) == ("erase", None)
    assert anonymised(still_open.case) == []


def test_a_legal_hold_is_offered_as_the_reason_to_refuse(client, officer, request_with_cases):
    item = request_with_cases
    held = included(item, "ASC-2025-00001")
    LegalHold.objects.create(case=held.case, reason="Insurance claim CL-2291", placed_by=officer)
    client.force_login(officer)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "A legal hold keeps the case: Insurance claim CL-2291" in page


def test_an_access_request_erases_nothing(client, officer, request_with_cases):
    item = request_with_cases
    item.kind = "access"
    item.save()
    client.force_login(officer)
    assert client.post(f"/information-requests/{item.pk}/erase/").status_code == 404
    assert client.get(f"/information-requests/{item.pk}/cases/{item.cases.first().pk}/decision/").status_code == 404
    assert not Anonymisation.objects.exists()
