"""Who may open which case: a case a user may not see is a 404, never a 403."""

import datetime as dt

import pytest

from redress.cases.models import Representation


def sign_in(client, user):
    client.force_login(user)


@pytest.fixture
def cases(make_case, area, investigator, manager):
    mental_health = area("Adult Services > Mental Health", manager=None)
    area("Adult Services", manager=manager)
    children = area("Children's Services > Fostering")
    return {
        "allocated": make_case(investigating_officer=investigator, service_area=children),
        "in_managed_area": make_case(service_area=mental_health),
        "elsewhere": make_case(procedure="children", service_area=children),
    }


def test_complaints_officer_sees_every_case(client, officer, cases):
    sign_in(client, officer)
    for case in cases.values():
        assert client.get(case.get_absolute_url()).status_code == 200


def test_investigating_officer_cannot_open_unallocated_case(client, investigator, cases):
    sign_in(client, investigator)
    assert client.get(cases["allocated"].get_absolute_url()).status_code == 200
    assert client.get(cases["elsewhere"].get_absolute_url()).status_code == 404
    assert client.get(cases["in_managed_area"].get_absolute_url()).status_code == 404


def test_investigating_officer_lists_only_their_cases(client, investigator, cases):
    sign_in(client, investigator)
    page = client.get("/cases/").content.decode()
    assert cases["allocated"].reference in page
    assert cases["elsewhere"].reference not in page


def test_manager_sees_cases_in_the_areas_beneath_theirs(client, manager, cases):
    sign_in(client, manager)
    assert client.get(cases["in_managed_area"].get_absolute_url()).status_code == 200
    assert client.get(cases["elsewhere"].get_absolute_url()).status_code == 404


@pytest.mark.time_machine(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC))
def test_reporting_user_sees_totals_but_no_case(client, reporter, cases):
    sign_in(client, reporter)
    assert client.get(cases["allocated"].get_absolute_url()).status_code == 404
    assert client.get("/cases/").status_code == 404
    home = client.get("/").content.decode()
    assert "since 1 April 2025" in home
    assert '<th scope="row" class="govuk-table__header">Complaint</th>' in home
    assert cases["allocated"].reference not in home


def test_only_complaints_officers_and_administrators_edit(client, investigator, administrator, cases):
    case = cases["allocated"]
    sign_in(client, investigator)
    assert client.get(f"{case.get_absolute_url()}edit/").status_code == 404
    assert client.get("/cases/new/complaint/").status_code == 404
    sign_in(client, administrator)
    assert client.get(f"{case.get_absolute_url()}edit/").status_code == 200


def test_signed_out_visitor_is_sent_to_sign_in(client, cases):
    response = client.get(cases["allocated"].get_absolute_url())
    assert response.status_code == 302 and response.url.startswith("/account/sign-in/")


def test_case_that_does_not_exist_is_404(client, officer):
    sign_in(client, officer)
    assert client.get("/cases/ASC-1999-99999/").status_code == 404
    assert not Representation.objects.filter(reference="ASC-1999-99999").exists()
