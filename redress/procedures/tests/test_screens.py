"""Administrators set the procedures' timescales and the council's closure days."""

import datetime as dt

import pytest
import time_machine

from redress.procedures.calendar import add_working_days
from redress.procedures.models import ClosureDay, Procedure


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_administrator_changes_a_stage_timescale(admin_client):
    stage = Procedure.objects.get(code="children").stage(1)
    response = admin_client.post(
        f"/settings/procedures/stages/{stage.pk}/",
        {
            "name": "Local resolution",
            "target_days": 15,
            "extended_days": 20,
            "counted_from": "received",
        },
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.target_days == 15
    assert "15" in admin_client.get("/settings/procedures/").content.decode()


def test_an_extension_shorter_than_the_timescale_is_refused(admin_client):
    stage = Procedure.objects.get(code="children").stage(2)
    page = admin_client.post(
        f"/settings/procedures/stages/{stage.pk}/",
        {
            "name": "Investigation",
            "target_days": 25,
            "extended_days": 10,
            "counted_from": "requested",
        },
    ).content.decode()
    assert "cannot be shorter than the timescale" in page
    stage.refresh_from_db()
    assert stage.extended_days == 65


def test_administrator_edits_the_procedure_description_and_prefix(admin_client):
    adult = Procedure.objects.get(code="adult")
    admin_client.post(
        f"/settings/procedures/{adult.pk}/",
        {
            "name": "Adult social care",
            "description": "Our adult procedure.",
            "reference_prefix": "asc2",
            "acknowledgement_days": 3,
            "active": "on",
        },
    )
    adult.refresh_from_db()
    assert adult.description == "Our adult procedure." and adult.reference_prefix == "ASC2"


@time_machine.travel(dt.datetime(2025, 11, 1, 12, tzinfo=dt.UTC))
def test_a_closure_day_moves_deadlines_across_it(admin_client):
    assert add_working_days(dt.date(2025, 12, 19), 3) == dt.date(2025, 12, 24)
    response = admin_client.post(
        "/settings/procedures/closure-days/",
        {
            "date_day": 24,
            "date_month": 12,
            "date_year": 2025,
            "description": "Christmas Eve",
        },
    )
    assert response.status_code == 302
    assert add_working_days(dt.date(2025, 12, 19), 3) == dt.date(2025, 12, 29)
    assert "Christmas Eve" in admin_client.get("/settings/procedures/closure-days/").content.decode()


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ((25, 12, 2025), "25 December 2025 is already a bank holiday"),
        ((27, 12, 2025), "27 December 2025 is a Saturday: weekends are never working days"),
        ((31, 2, 2025), "Date must be a real date"),
    ],
)
def test_closure_days_that_change_nothing_are_refused(admin_client, day, error):
    page = admin_client.post(
        "/settings/procedures/closure-days/",
        {
            "date_day": day[0],
            "date_month": day[1],
            "date_year": day[2],
            "description": "Closed",
        },
    ).content.decode()
    assert error in page
    assert not ClosureDay.objects.exists()


def test_a_closure_day_is_removed_after_confirming(admin_client):
    day = ClosureDay.objects.create(date=dt.date(2026, 12, 24), description="Christmas Eve")
    assert (
        "Remove 24 December 2026"
        in admin_client.get(f"/settings/procedures/closure-days/{day.pk}/remove/").content.decode()
    )
    assert ClosureDay.objects.exists()
    admin_client.post(f"/settings/procedures/closure-days/{day.pk}/remove/")
    assert not ClosureDay.objects.exists()


def test_the_page_says_which_years_of_bank_holidays_it_knows(admin_client):
    page = admin_client.get("/settings/procedures/closure-days/").content.decode()
    assert "Redress knows the bank holidays from 2012 to 2028" in page
