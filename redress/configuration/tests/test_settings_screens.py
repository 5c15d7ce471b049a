"""Administrators keep the council's settings; nobody else can reach them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from redress.configuration.models import Council, Lookup, ServiceArea


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/settings/",
        "/settings/council/",
        "/settings/lists/method/",
        "/settings/service-areas/",
        "/settings/procedures/",
        "/settings/procedures/closure-days/",
        "/account/staff/",
    ],
)
def test_complaints_officer_cannot_open_settings(client, officer, path):
    client.force_login(officer)
    assert client.get(path).status_code == 404


def png(size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def council_data(**changes):
    return {
        "name": "Northbridge City Council",
        "financial_year_start_month": 4,
        "reference_format": "{prefix}-{year}-{number:05d}",
        "publication_threshold": 5,
        **changes,
    }


def test_administrator_renames_the_council_and_uploads_a_logo(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = admin_client.post(
        "/settings/council/", {**council_data(), "logo": SimpleUploadedFile("logo.png", png())}
    )
    assert response.status_code == 302
    council = Council.current()
    assert council.name == "Northbridge City Council" and council.logo
    assert "Northbridge City Council" in admin_client.get("/settings/").content.decode()
    assert admin_client.get("/settings/council/logo/").status_code == 200


def test_a_logo_that_is_not_an_image_is_refused(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("logo.png", b"MZ\x90\x00 this is a program")
    page = admin_client.post("/settings/council/", {**council_data(), "logo": fake}).content.decode()
    assert "Upload a valid image" in page or "must be a PNG or JPEG image" in page
    assert not Council.current().logo


def test_the_logo_is_only_for_signed_in_staff(client, db):
    assert client.get("/settings/council/logo/").status_code == 404


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{prefix}-{year}", "must include {number}"),
        ("{prefix}-{colour}-{number}", "can only use {prefix}, {year} and {number}"),
    ],
)
def test_a_reference_format_that_cannot_work_is_refused(admin_client, text, error):
    page = admin_client.post("/settings/council/", council_data(reference_format=text)).content.decode()
    assert error in page
    assert Council.current().reference_format == "{prefix}-{year}-{number:05d}"


def test_new_references_follow_a_changed_format(admin_client, make_case):
    admin_client.post("/settings/council/", council_data(reference_format="{prefix}{number:04d}/{year}"))
    assert make_case().reference == "ASC0001/2026"


def test_administrator_adds_a_method_of_receipt_and_takes_one_out_of_use(admin_client):
    response = admin_client.post("/settings/lists/method/add/", {"label": "Text message", "order": 9})
    assert response.status_code == 302 and response.url == "/settings/lists/method/"
    assert Lookup.objects.filter(list_name="method", label="Text message").exists()
    letter = Lookup.objects.get(list_name="method", label="Letter")
    admin_client.post(f"/settings/lists/method/{letter.pk}/", {"label": "Letter", "order": 3})
    letter.refresh_from_db()
    assert letter.active is False
    page = admin_client.get("/settings/lists/method/").content.decode()
    assert "Text message" in page


def test_a_retired_entry_is_no_longer_offered_on_the_case_form(admin_client):
    letter = Lookup.objects.get(list_name="method", label="Letter")
    admin_client.post(f"/settings/lists/method/{letter.pk}/", {"label": "Letter", "order": 3})
    form = admin_client.get("/cases/new/complaint/").content.decode()
    assert ">Letter<" not in form and ">Email<" in form


def test_a_duplicate_label_is_refused_whatever_its_capitals(admin_client):
    page = admin_client.post(
        "/settings/lists/method/add/", {"label": "EMAIL", "order": 1, "active": "on"}
    ).content.decode()
    assert "&#x27;EMAIL&#x27; is already in this list" in page
    assert Lookup.objects.filter(list_name="method", label__iexact="email").count() == 1


def test_a_subcategory_is_added_under_its_category(admin_client):
    communication = Lookup.objects.get(list_name="concern_category", label="Communication", parent=None)
    admin_client.post(
        "/settings/lists/concern_category/add/",
        {"label": "Letters not answered", "parent": communication.pk, "order": 5, "active": "on"},
    )
    entry = Lookup.objects.get(label="Letters not answered")
    assert entry.parent == communication and entry.path == "Communication > Letters not answered"


def test_an_unknown_list_is_not_found(admin_client):
    assert admin_client.get("/settings/lists/favourite_colours/").status_code == 404


def test_administrator_builds_the_service_area_tree_with_managers(admin_client, manager):
    admin_client.post("/settings/service-areas/add/", {"name": "Adult Services", "order": 1, "active": "on"})
    adults = ServiceArea.objects.get(name="Adult Services")
    admin_client.post(
        "/settings/service-areas/add/",
        {"name": "Mental Health", "parent": adults.pk, "manager": manager.pk, "order": 1, "active": "on"},
    )
    team = ServiceArea.objects.get(name="Mental Health")
    assert team.path == "Adult Services > Mental Health" and team.manager == manager
    page = admin_client.get("/settings/service-areas/").content.decode()
    assert "Mental Health" in page and str(manager) in page


def test_a_service_area_cannot_be_put_under_its_own_team(admin_client, area):
    team = area("Adult Services > Mental Health")
    adults = team.parent
    page = admin_client.post(
        f"/settings/service-areas/{adults.pk}/",
        {"name": "Adult Services", "parent": team.pk, "order": 0, "active": "on"},
    ).content.decode()
    assert "cannot be part of itself or of one of its own teams" in page
    adults.refresh_from_db()
    assert adults.parent is None


def test_renaming_a_directorate_renames_the_paths_beneath_it(admin_client, area):
    team = area("Adult Services > Mental Health")
    admin_client.post(
        f"/settings/service-areas/{team.parent.pk}/", {"name": "Adult Social Care", "order": 0, "active": "on"}
    )
    team.refresh_from_db()
    assert team.path == "Adult Social Care > Mental Health"
