"""Findings per concern, remedies with who approved a payment, and contact restrictions."""

from decimal import Decimal

import pytest

from redress.cases.models import Concern, Person, Remedy
from redress.configuration.models import Lookup


@pytest.fixture
def case(make_case, investigator):
    made = make_case(investigating_officer=investigator)
    category = Lookup.objects.get(list_name="concern_category", label="Communication", parent=None)
    Concern.objects.create(representation=made, category=category, description="Not told of the change")
    Concern.objects.create(representation=made, category=category, description="Rude on the phone")
    return made


def test_investigating_officer_records_a_finding_on_each_concern(client, investigator, case):
    first, second = case.concerns.all()
    client.force_login(investigator)
    response = client.post(
        f"/cases/{case.reference}/findings/",
        {
            f"finding_{first.pk}": "upheld",
            f"finding_{second.pk}": "not_upheld",
            "provider_fault": "on",
        },
    )
    assert response.status_code == 302
    assert list(case.concerns.values_list("finding", flat=True)) == ["upheld", "not_upheld"]
    assert [f for _, f in case.findings_at(1)][0].finding == "upheld"
    case.refresh_from_db()
    assert case.provider_fault


def test_a_payment_needs_its_amount_and_who_approved_it(client, investigator, case):
    payment = Lookup.objects.get(list_name="remedy_type", label="Financial remedy")
    client.force_login(investigator)
    page = client.post(f"/cases/{case.reference}/remedies/add/", {"kind": payment.pk}).content.decode()
    assert "Enter the amount paid" in page
    page = client.post(f"/cases/{case.reference}/remedies/add/", {"kind": payment.pk, "amount": "250"}).content.decode()
    assert "Enter who approved the payment" in page
    client.post(
        f"/cases/{case.reference}/remedies/add/",
        {"kind": payment.pk, "amount": "250", "approved_by": "Director of Adult Services"},
    )
    apology = Lookup.objects.get(list_name="remedy_type", label="Apology")
    client.post(f"/cases/{case.reference}/remedies/add/", {"kind": apology.pk, "details": "Written apology sent"})
    case.refresh_from_db()
    assert case.remedy_amount == Decimal("250.00") and case.remedies.count() == 2


def test_the_financial_remedy_paid_is_the_sum_of_the_case_payments(case, investigator):
    payment = Lookup.objects.get(list_name="remedy_type", label="Financial remedy")
    apology = Lookup.objects.get(list_name="remedy_type", label="Apology")
    Remedy.objects.create(case=case, kind=apology, recorded_by=investigator)
    case.update_remedy_total()
    case.refresh_from_db()
    assert case.remedy_amount is None  # an apology pays nothing
    Remedy.objects.create(
        case=case, kind=payment, amount=Decimal("250"), approved_by="Director", recorded_by=investigator
    )
    Remedy.objects.create(
        case=case, kind=payment, amount=Decimal("75.50"), approved_by="Director", recorded_by=investigator
    )
    case.update_remedy_total()
    case.refresh_from_db()
    assert case.remedy_amount == Decimal("325.50")


def test_someone_who_cannot_see_the_case_cannot_record_findings(client, make_case, investigator):
    other = make_case()
    client.force_login(investigator)
    assert client.get(f"/cases/{other.reference}/findings/").status_code == 404
    assert client.get(f"/cases/{other.reference}/remedies/add/").status_code == 404


def test_a_contact_restriction_shows_on_every_case_of_that_person(client, officer, make_case):
    person = Person.objects.create(first_name="Rex", last_name="Persistent")
    first, second = make_case(complainant=person), make_case(complainant=person)
    client.force_login(officer)
    response = client.post(
        f"/cases/{first.reference}/restrict-contact/",
        {
            "terms": "One named officer, by email only",
            "starts_day": 1,
            "starts_month": 3,
            "starts_year": 2026,
            "review_day": 1,
            "review_month": 9,
            "review_year": 2026,
        },
    )
    assert response.status_code == 302
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Contact with Rex Persistent is restricted: One named officer, by email only" in page
    assert "review by 1 September 2026" in page


def test_a_restriction_needs_a_review_after_it_starts(client, officer, make_case):
    case = make_case(complainant=Person.objects.create(last_name="Persistent"))
    client.force_login(officer)
    page = client.post(
        f"/cases/{case.reference}/restrict-contact/",
        {
            "terms": "Email only",
            "starts_day": 1,
            "starts_month": 3,
            "starts_year": 2026,
            "review_day": 1,
            "review_month": 2,
            "review_year": 2026,
        },
    ).content.decode()
    assert "The review date must be after the start" in page
    assert not case.complainant.restrictions.exists()
