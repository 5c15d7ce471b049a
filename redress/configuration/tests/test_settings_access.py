"""Only administrators reach the settings; to everyone else the pages do not exist."""

import pytest

from redress.configuration.models import Lookup, LookupList, ServiceArea
from redress.procedures.models import Procedure


def settings_pages(administrator) -> list[str]:
    method = Lookup.objects.get(list_name="method", label="Email")
    area = ServiceArea.objects.create(name="Adult Services")
    stage = Procedure.objects.get(code="children").stage(2)
    return [
        "/settings/",
        "/settings/council/",
        *[f"/settings/lists/{name}/" for name in LookupList.values],
        "/settings/lists/method/add/",
        f"/settings/lists/method/{method.pk}/",
        "/settings/service-areas/",
        "/settings/service-areas/add/",
        f"/settings/service-areas/{area.pk}/",
        "/settings/procedures/",
        f"/settings/procedures/{stage.procedure.pk}/",
        f"/settings/procedures/stages/{stage.pk}/",
        "/settings/procedures/closure-days/",
        "/account/staff/",
        "/account/staff/add/",
        f"/account/staff/{administrator.pk}/",
    ]


def test_every_settings_screen_opens_for_an_administrator(admin_client, administrator):
    for path in settings_pages(administrator):
        assert admin_client.get(path).status_code == 200, path


def test_every_settings_screen_is_not_found_for_a_complaints_officer(officer_client, administrator):
    for path in settings_pages(administrator):
        assert officer_client.get(path).status_code == 404, path


@pytest.mark.parametrize("role", ["investigating_officer", "manager", "reporting"])
def test_other_roles_cannot_open_the_settings_either(client, make_user, role):
    client.force_login(make_user("someone", role))
    assert client.get("/settings/").status_code == 404


def test_signing_in_comes_before_the_settings(client, db):
    response = client.get("/settings/")
    assert response.status_code == 302 and response.url.startswith("/account/sign-in/")


def test_the_settings_page_links_to_every_screen_with_what_it_is_for(admin_client):
    page = admin_client.get("/settings/").content.decode()
    for path in [
        "/settings/council/",
        "/settings/service-areas/",
        "/account/staff/",
        "/settings/procedures/",
        "/settings/procedures/closure-days/",
        *[f"/settings/lists/{name}/" for name in LookupList.values],
    ]:
        assert f'href="{path}"' in page, path
    assert "What complaints are about, in categories and subcategories" in page


def test_only_administrators_see_settings_in_the_navigation(client, administrator, officer):
    client.force_login(officer)
    assert 'href="/settings/"' not in client.get("/cases/").content.decode()
    client.force_login(administrator)
    assert 'href="/settings/"' in client.get("/cases/").content.decode()
