"""Erasure on request: a decision for each case, refusals with an Article 17(3) reason, the
retention rules' anonymise called for the cases accepted, and the letter saying what was done.

The erasing itself belongs to redress.retention; here it is replaced by a recorder, so these
tests check what this app asks of it. Run them against the real one too, once it is merged."""

import datetime as dt
import importlib
import sys
import types

import pytest

from redress.information_rights.models import IncludedCase, InformationRequest
from redress.ombudsman import workflow
from redress.procedures.models import Procedure


@pytest.fixture
def anonymised(monkeypatch):
    """What was passed to redress.retention.anonymise."""
    calls = []
    try:
        retention = importlib.import_module("redress.retention")
    except ImportError:
        retention = types.ModuleType("redress.retention")
        monkeypatch.setitem(sys.modules, "redress.retention", retention)
    monkeypatch.setattr(
        retention, "anonymise", lambda case, *, by=None, reason: calls.append((case, by, reason)), raising=False
    )
    return calls


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


def test_erasing_calls_anonymise_only_for_the_cases_accepted_and_writes_the_outcome_letter(
    client, officer, request_with_cases, anonymised
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

    assert [(case.reference, by, reason) for case, by, reason in anonymised] == [
        ("ASC-2025-00001", officer, f"Erasure requested ({item.number})")
    ]
    assert included(item, "ASC-2025-00001").erased is not None
    assert included(item, "ASC-2025-00002").erased is None
    item.refresh_from_db()
    letter = item.outcome_letter
    assert "We have erased the personal information in our records ASC-2025-00001." in letter
    assert "not erased the information in ASC-2025-00002, because of legal claims (Article 17(3)(e))" in letter
    assert "The Ombudsman is investigating it." in letter and "ico.org.uk" in letter
    # Erasing again does nothing more.
    client.post(f"/information-requests/{item.pk}/erase/")
    assert len(anonymised) == 1


def test_an_access_request_erases_nothing(client, officer, request_with_cases, anonymised):
    item = request_with_cases
    item.kind = "access"
    item.save()
    client.force_login(officer)
    assert client.post(f"/information-requests/{item.pk}/erase/").status_code == 404
    assert client.get(f"/information-requests/{item.pk}/cases/{item.cases.first().pk}/decision/").status_code == 404
    assert anonymised == []
