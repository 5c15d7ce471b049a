"""Council details: the name and logo on reports, the financial year and case references."""

import datetime as dt
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from redress.configuration.models import Council


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image(format="PNG", size=(40, 20), noise=False) -> bytes:
    picture = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)) if noise else Image.new("RGB", size)
    buffer = io.BytesIO()
    picture.save(buffer, format)
    return buffer.getvalue()


def council_data(**changes):
    return {
        "name": "Northbridge City Council",
        "financial_year_start_month": 4,
        "reference_format": "{prefix}-{year}-{number:05d}",
        "publication_threshold": 5,
        "complaints_email": "complaints@northbridge.gov.uk",
        "complaints_phone": "0300 123 4567",
        **changes,
    }


def test_administrator_changes_the_council_details_and_uploads_a_logo(admin_client):
    response = admin_client.post(
        "/settings/council/",
        {**council_data(financial_year_start_month=1), "logo": SimpleUploadedFile("Our crest.PNG", image())},
    )
    assert response.status_code == 302 and response.url == "/settings/"
    council = Council.current()
    assert council.name == "Northbridge City Council"
    assert council.financial_year_start_month == 1
    assert council.complaints_email == "complaints@northbridge.gov.uk"
    assert council.complaints_phone == "0300 123 4567"
    assert council.logo.name.endswith(".png")
    page = admin_client.get("/settings/").content.decode()
    assert "Council details saved" in page and "Northbridge City Council" in page


def test_the_financial_year_is_chosen_from_month_names(admin_client):
    page = admin_client.get("/settings/council/").content.decode()
    assert '<select name="financial_year_start_month"' in page
    assert '<option value="4" selected>April</option>' in page


def test_signed_in_staff_see_the_logo_through_the_service(admin_client, client, officer):
    admin_client.post("/settings/council/", {**council_data(), "logo": SimpleUploadedFile("logo.jpg", image("JPEG"))})
    client.force_login(officer)
    response = client.get("/settings/council/logo/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == Council.current().logo.open("rb").read()


def test_the_logo_is_not_served_to_anyone_signed_out(client, db):
    Council.objects.update(logo="council/logo.png")
    assert client.get("/settings/council/logo/").status_code == 404


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (SimpleUploadedFile("logo.png", b"MZ\x90\x00 this is a program"), "The logo must be a PNG or JPEG image"),
        (SimpleUploadedFile("logo.gif", image("GIF")), "The logo must be a PNG or JPEG image"),
        (SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'), "must be a PNG or JPEG image"),
        (SimpleUploadedFile("logo.png", image(size=(800, 800), noise=True)), "The logo must be smaller than 1 MB"),
    ],
    ids=["program", "gif", "svg", "too-large"],
)
def test_a_logo_that_is_not_a_small_png_or_jpeg_is_refused(admin_client, upload, error):
    page = admin_client.post("/settings/council/", {**council_data(), "logo": upload}).content.decode()
    assert error in page
    council = Council.current()
    assert not council.logo and council.name == "Example Council"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{prefix}-{year}", "must include {number}"),
        ("{prefix}-{year}-{{number}}", "must include {number}"),
        ("{prefix}-{colour}-{number}", "can only use {prefix}, {year} and {number}"),
        ("{prefix}-{number:05d", "can only use {prefix}, {year} and {number}"),
        ("{prefix}/{year}/{number}", "this format makes ASC/2026/123"),
        ("{prefix}-{year}-{number:040d}", "longer than 40 characters"),
    ],
)
@pytest.mark.time_machine(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_a_reference_format_that_cannot_make_usable_references_is_refused(admin_client, text, error):
    page = admin_client.post("/settings/council/", council_data(reference_format=text)).content.decode()
    assert error in page
    assert Council.current().reference_format == "{prefix}-{year}-{number:05d}"


@pytest.mark.time_machine(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_the_form_shows_what_a_reference_looks_like(admin_client):
    page = admin_client.get("/settings/council/").content.decode()
    assert "At the moment the 123rd adult complaint this year gets ASC-2026-00123" in page
    admin_client.post("/settings/council/", council_data(reference_format="{year}{prefix}{number:04d}"))
    assert "gets 2026ASC0123" in admin_client.get("/settings/council/").content.decode()


def test_new_references_follow_a_changed_format(admin_client, make_case):
    admin_client.post("/settings/council/", council_data(reference_format="{prefix}.{number:04d}.{year}"))
    assert make_case().reference == "ASC.0001.2026"


def test_a_mistake_is_shown_in_the_error_summary_and_nothing_is_saved(admin_client):
    page = admin_client.post(
        "/settings/council/", council_data(complaints_email="not an address", publication_threshold=1)
    ).content.decode()
    assert "<title>Error: Council details" in page
    assert '<a href="#id_complaints_email">Enter an email address in the correct format' in page
    assert '<a href="#id_publication_threshold">The threshold for small numbers must be between 2 and 20' in page
    assert 'value="Northbridge City Council"' in page  # what was typed is still there
    assert Council.current().name == "Example Council"


def test_a_complaints_officer_cannot_change_the_council_details(officer_client):
    assert officer_client.post("/settings/council/", council_data()).status_code == 404
    assert Council.current().name == "Example Council"
