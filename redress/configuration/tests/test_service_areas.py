"""Service areas: directorates, divisions and teams as a tree, each with a manager."""

import re

from redress.configuration.models import ServiceArea
from redress.procedures.models import Procedure

from .pages import row_headings


def test_administrator_builds_the_service_area_tree_with_managers(admin_client, manager):
    response = admin_client.post("/settings/service-areas/add/", {"name": "Adult Services", "order": 1})
    assert response.status_code == 302 and response.url == "/settings/service-areas/"
    adults = ServiceArea.objects.get(name="Adult Services")
    assert adults.active and adults.parent is None
    admin_client.post(
        "/settings/service-areas/add/",
        {"name": "Mental Health", "parent": adults.pk, "manager": manager.pk, "order": 1},
    )
    team = ServiceArea.objects.get(name="Mental Health")
    assert team.path == "Adult Services > Mental Health" and team.manager == manager
    page = admin_client.get("/settings/service-areas/").content.decode()
    assert "Service area &#x27;Adult Services &gt; Mental Health&#x27; saved" in page
    assert str(manager) in page


def test_the_tree_lists_each_area_above_its_teams_in_the_order_set(admin_client):
    adults = ServiceArea.objects.create(name="Adults")
    ServiceArea.objects.create(name="Mental Health", parent=adults, order=2)
    ServiceArea.objects.create(name="Safeguarding", parent=adults, order=1)
    ServiceArea.objects.create(name="Adults (North)")
    page = admin_client.get("/settings/service-areas/").content.decode()
    assert row_headings(page) == ["Adults", "Adults > Safeguarding", "Adults > Mental Health", "Adults (North)"]


def test_renaming_a_directorate_renames_the_paths_beneath_it(admin_client, area):
    team = area("Adult Services > Mental Health")
    admin_client.post(
        f"/settings/service-areas/{team.parent.pk}/", {"name": "Adult Social Care", "order": 0, "active": "on"}
    )
    team.refresh_from_db()
    assert team.path == "Adult Social Care > Mental Health"


def test_administrator_takes_a_team_out_of_use(admin_client, area):
    team = area("Adult Services > Mental Health")
    response = admin_client.post(
        f"/settings/service-areas/{team.pk}/", {"name": "Mental Health", "parent": team.parent.pk, "order": 0}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.active is False and ServiceArea.objects.filter(pk=team.pk).exists()


def test_a_service_area_cannot_be_put_under_itself_or_its_own_team(admin_client, area):
    team = area("Adult Services > Mental Health")
    adults = team.parent
    for parent in (team, adults):
        page = admin_client.post(
            f"/settings/service-areas/{adults.pk}/",
            {"name": "Adult Services", "parent": parent.pk, "order": 0, "active": "on"},
        ).content.decode()
        assert '<a href="#id_parent">A service area cannot be part of itself or of one of its own teams' in page
    adults.refresh_from_db()
    assert adults.parent is None


def test_two_areas_in_the_same_place_cannot_share_a_name(admin_client, area):
    adults = area("Adult Services > Mental Health").parent
    page = admin_client.post(
        "/settings/service-areas/add/", {"name": "mental health", "parent": adults.pk, "order": 0}
    ).content.decode()
    assert "There is already a service area called &#x27;mental health&#x27; there" in page
    assert ServiceArea.objects.count() == 2


def test_a_name_with_the_path_separator_is_refused(admin_client):
    page = admin_client.post("/settings/service-areas/add/", {"name": "Adults > Older people", "order": 0})
    assert "The name cannot contain &gt;" in page.content.decode()
    assert not ServiceArea.objects.exists()


def test_only_people_who_can_sign_in_are_offered_as_managers(admin_client, manager, make_user):
    make_user("gone", "manager", first_name="Gerry", last_name="Gone", is_active=False)
    page = admin_client.get("/settings/service-areas/add/").content.decode()
    assert str(manager) in page and "Gerry Gone" not in page


def test_an_area_keeps_a_manager_whose_account_was_switched_off_until_another_is_chosen(admin_client, area, manager):
    team = area("Adult Services > Mental Health", manager=manager)
    manager.is_active = False
    manager.save()
    response = admin_client.post(
        f"/settings/service-areas/{team.pk}/",
        {"name": "Mental Health Team", "parent": team.parent.pk, "manager": manager.pk, "order": 0, "active": "on"},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Mental Health Team" and team.manager == manager


def test_a_missing_name_is_explained(admin_client):
    page = admin_client.post("/settings/service-areas/add/", {"name": "", "order": 0}).content.decode()
    assert '<a href="#id_name">Enter the name</a>' in page


def test_a_complaints_officer_cannot_add_or_change_service_areas(officer_client, area):
    assert officer_client.post("/settings/service-areas/add/", {"name": "Housing", "order": 0}).status_code == 404
    team = area("Adult Services")
    response = officer_client.post(f"/settings/service-areas/{team.pk}/", {"name": "Renamed", "order": 0})
    assert response.status_code == 404
    assert list(ServiceArea.objects.values_list("name", flat=True)) == ["Adult Services"]


def test_administrator_sets_the_procedure_whose_report_counts_an_areas_compliments(admin_client, area):
    adults = area("Adult Services")
    adult = Procedure.objects.get(code="adult")
    page = admin_client.get(f"/settings/service-areas/{adults.pk}/").content.decode()
    assert "Default procedure" in page and "unless the officer recording one chooses another" in page
    response = admin_client.post(
        f"/settings/service-areas/{adults.pk}/",
        {"name": "Adult Services", "default_procedure": adult.pk, "order": 0, "active": "on"},
    )
    assert response.status_code == 302
    adults.refresh_from_db()
    assert adults.default_procedure == adult


def test_a_team_without_its_own_default_takes_the_one_of_the_area_above(area):
    team = area("Adult Services > Assessment > Older People Team")
    assert team.report_procedure() is None
    directorate = team.parent.parent
    directorate.default_procedure = Procedure.objects.get(code="adult")
    directorate.save()
    team.refresh_from_db()
    assert team.report_procedure().code == "adult"
    team.default_procedure = Procedure.objects.get(code="corporate")
    team.save()
    assert team.report_procedure().code == "corporate"


def test_the_list_shows_each_areas_default_procedure_and_where_it_comes_from(admin_client, area):
    team = area("Environment > Waste Services")
    environment = team.parent
    environment.default_procedure = Procedure.objects.get(code="corporate")
    environment.save()
    area("Housing")
    page = admin_client.get("/settings/service-areas/").content.decode()
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.DOTALL)
    cells = {row_headings(row)[0]: re.sub(r"<[^>]+>", "", row) for row in rows if row_headings(row)}
    assert "Corporate" in cells["Environment"] and "from the area above" not in cells["Environment"]
    assert "Corporate" in cells["Environment > Waste Services"]
    assert "(from the area above)" in cells["Environment > Waste Services"]
    assert "None" in cells["Housing"]
