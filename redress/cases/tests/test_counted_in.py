"""Which annual report counts a compliment, comment, enquiry or service request (interchange 1.1):
the procedure of its service area unless the officer chooses another."""

import json
import re

import pytest

from redress.cases.forms import NOT_COUNTED, RepresentationForm, report_procedure_for
from redress.cases.models import Kind, Representation
from redress.procedures.models import Procedure


def procedure(code):
    return Procedure.objects.get(code=code)


@pytest.fixture
def waste(area):
    """Environment > Waste Services, counted in the corporate report through its directorate."""
    team = area("Environment > Waste Services")
    team.parent.default_procedure = procedure("corporate")
    team.parent.save()
    team.refresh_from_db()
    return team


@pytest.fixture
def reablement(area):
    team = area("Adult Services > Reablement")
    team.default_procedure = procedure("adult")
    team.save()
    return team


def record(client, kind, **answers):
    return client.post(
        f"/cases/new/{kind}/",
        {"received_day": 11, "received_month": 5, "received_year": 2026, "summary": "Thank you.", **answers},
    )


def test_a_compliment_saved_without_a_choice_counts_in_its_areas_report(client, officer, waste):
    client.force_login(officer)
    response = record(client, "compliment", service_area=waste.pk)
    assert response.status_code == 302
    case = Representation.objects.get()
    assert case.procedure == procedure("corporate")
    page = client.get(case.get_absolute_url()).content.decode()
    assert re.search(r"Counted in the annual report of</dt><dd[^>]*>Corporate</dd>", page)


def test_the_officers_choice_wins_over_the_areas_default(client, officer, waste):
    client.force_login(officer)
    record(client, "comment", service_area=waste.pk, counted_in="adult")
    assert Representation.objects.get().procedure == procedure("adult")


def test_an_officer_can_say_no_annual_report_counts_it(client, officer, reablement):
    client.force_login(officer)
    record(client, "enquiry", service_area=reablement.pk, counted_in=NOT_COUNTED)
    case = Representation.objects.get()
    assert case.procedure is None
    page = client.get(case.get_absolute_url()).content.decode()
    assert re.search(r"Counted in the annual report of</dt><dd[^>]*>None</dd>", page)


def test_a_choice_that_is_not_a_procedure_is_refused_and_the_answers_kept(client, officer, waste):
    client.force_login(officer)
    page = record(client, "compliment", service_area=waste.pk, counted_in="parks", staff_named="Ali").content
    page = page.decode()
    assert "Select which annual report counts it, or none" in page
    assert 'value="Ali"' in page
    assert not Representation.objects.exists()


def test_the_form_asks_which_report_and_knows_each_areas_default(client, officer, waste, reablement, area):
    area("Housing")
    client.force_login(officer)
    page = client.get("/cases/new/service_request/").content.decode()
    assert "Which annual report counts it" in page
    for label in ("Adult social care", "Children&#x27;s social care", "Corporate", "None: no annual report counts it"):
        assert label in page
    defaults = json.loads(re.search(r'<script id="area-procedures" type="application/json">(.*?)</script>', page)[1])
    housing = Representation._meta.get_field("service_area").related_model.objects.get(path="Housing")
    assert defaults[str(waste.pk)] == "corporate" and defaults[str(reablement.pk)] == "adult"
    assert defaults[str(housing.pk)] == ""


def test_a_complaints_procedure_is_its_route_and_not_asked_again(client, officer, area):
    client.force_login(officer)
    page = client.get("/cases/new/complaint/").content.decode()
    assert "Which annual report counts it" not in page and "area-procedures" not in page


def test_editing_shows_the_recorded_choice_and_keeps_none(client, officer, make_case, waste):
    case = make_case(kind=Kind.COMPLIMENT, service_area=waste, summary="Bins back on time.")
    client.force_login(officer)
    form = client.get(f"{case.get_absolute_url()}edit/").context["form"]
    assert form["counted_in"].value() == NOT_COUNTED
    client.post(
        f"{case.get_absolute_url()}edit/", {"service_area": waste.pk, "counted_in": "", "summary": "Bins back on time."}
    )
    case.refresh_from_db()
    assert case.procedure == procedure("corporate")
    assert client.get(f"{case.get_absolute_url()}edit/").context["form"]["counted_in"].value() == "corporate"


def test_a_compliment_with_a_procedure_gets_no_deadlines(client, officer, reablement):
    client.force_login(officer)
    record(client, "compliment", service_area=reablement.pk)
    case = Representation.objects.get()
    assert case.procedure == procedure("adult")
    assert case.due is None and case.acknowledgement_due is None


def test_report_procedure_for_follows_the_choice_then_the_area(waste):
    assert report_procedure_for("", waste) == procedure("corporate")
    assert report_procedure_for("children", waste) == procedure("children")
    assert report_procedure_for(NOT_COUNTED, waste) is None
    assert report_procedure_for("", None) is None


def test_a_complaint_form_has_no_counted_in_question(db):
    assert "counted_in" not in RepresentationForm(kind=Kind.COMPLAINT).fields
    assert "counted_in" in RepresentationForm(kind=Kind.COMPLIMENT).fields
