"""Administrators set the procedures' timescales and the council's closure days."""

import datetime as dt

import pytest

from redress.procedures.calendar import add_working_days, bank_holiday_range
from redress.procedures.models import ClosureDay, Procedure


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def procedure_data(**changes):
    return {
        "name": "Adult social care",
        "description": "Our adult procedure.",
        "reference_prefix": "ASC",
        "acknowledgement_days": 3,
        "active": "on",
        **changes,
    }


def stage_data(**changes):
    return {"name": "Investigation", "target_days": 25, "extended_days": 65, "counted_from": "requested", **changes}


def closure_data(day, month, year, description="Christmas Eve"):
    return {"date_day": day, "date_month": month, "date_year": year, "description": description}


def test_the_procedures_page_lists_every_stage_with_its_timescales(admin_client):
    page = admin_client.get("/settings/procedures/").content.decode()
    for name in ("Adult social care", "Children&#x27;s social care", "Corporate"):
        assert f">{name}</h2>" in page
    assert "<caption" in page and '<th scope="row" class="govuk-table__header">2: Investigation</th>' in page
    start = page.index("2: Investigation")
    investigation = page[start : page.index("</tr>", start)]
    assert all(cell in investigation for cell in (">25<", ">65<", ">The day this stage is requested<", ">20<"))


def test_administrator_changes_a_stage_timescale(admin_client):
    stage = Procedure.objects.get(code="children").stage(1)
    response = admin_client.post(
        f"/settings/procedures/stages/{stage.pk}/",
        stage_data(name="Local resolution", target_days=15, extended_days=20, counted_from="received"),
    )
    assert response.status_code == 302 and response.url == "/settings/procedures/"
    stage.refresh_from_db()
    assert (stage.target_days, stage.extended_days) == (15, 20)
    assert "stage 1 (Local resolution) saved" in admin_client.get("/settings/procedures/").content.decode()


def test_administrator_gives_more_time_to_ask_for_stage_two(admin_client):
    stage = Procedure.objects.get(code="children").stage(2)
    admin_client.post(f"/settings/procedures/stages/{stage.pk}/", stage_data(request_within_days=28))
    stage.refresh_from_db()
    assert stage.request_within_days == 28


def test_stage_one_has_no_time_to_ask_for_it(admin_client):
    stage = Procedure.objects.get(code="children").stage(1)
    assert "request_within_days" not in admin_client.get(f"/settings/procedures/stages/{stage.pk}/").content.decode()
    stage_two = Procedure.objects.get(code="children").stage(2)
    assert "request_within_days" in admin_client.get(f"/settings/procedures/stages/{stage_two.pk}/").content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        (
            {"extended_days": 10},
            "extended_days",
            "The longest time with an extension cannot be shorter than the timescale",
        ),
        ({"target_days": 0}, "target_days", "The timescale must be at least 1 working day"),
        ({"target_days": ""}, "target_days", "Enter the timescale in working days"),
        ({"target_days": "ten"}, "target_days", "The timescale must be a whole number of days"),
        ({"counted_from": ""}, "counted_from", "Select the day the timescale is counted from"),
    ],
)
def test_a_stage_timescale_that_cannot_work_is_refused(admin_client, changes, field, error):
    stage = Procedure.objects.get(code="children").stage(2)
    page = admin_client.post(f"/settings/procedures/stages/{stage.pk}/", stage_data(**changes)).content.decode()
    assert f'<a href="#id_{field}' in page and error in page
    stage.refresh_from_db()
    assert (stage.target_days, stage.extended_days, stage.counted_from) == (25, 65, "requested")


def test_administrator_edits_the_procedure_description_and_prefix(admin_client):
    adult = Procedure.objects.get(code="adult")
    response = admin_client.post(f"/settings/procedures/{adult.pk}/", procedure_data(reference_prefix="asc2"))
    assert response.status_code == 302 and response.url == "/settings/procedures/"
    adult.refresh_from_db()
    assert adult.description == "Our adult procedure." and adult.reference_prefix == "ASC2"


def test_administrator_takes_a_procedure_out_of_use(admin_client):
    adult = Procedure.objects.get(code="adult")
    admin_client.post(f"/settings/procedures/{adult.pk}/", {**procedure_data(), "active": ""})
    adult.refresh_from_db()
    assert adult.active is False
    assert "Adult social care (not in use)" in admin_client.get("/settings/procedures/").content.decode()


@pytest.mark.parametrize(
    ("prefix", "error"),
    [
        ("CSC", "The Children&#x27;s social care procedure already uses CSC"),
        ("A-S", "The reference prefix must be letters and numbers only, like ASC"),
        ("", "Enter the reference prefix"),
    ],
)
def test_a_reference_prefix_that_would_confuse_references_is_refused(admin_client, prefix, error):
    adult = Procedure.objects.get(code="adult")
    page = admin_client.post(
        f"/settings/procedures/{adult.pk}/", procedure_data(reference_prefix=prefix)
    ).content.decode()
    assert error in page
    adult.refresh_from_db()
    assert adult.reference_prefix == "ASC" and adult.description != "Our adult procedure."


def test_a_complaints_officer_cannot_change_procedures(officer_client):
    adult = Procedure.objects.get(code="adult")
    stage = adult.stage(1)
    assert officer_client.post(f"/settings/procedures/{adult.pk}/", procedure_data(name="Mine")).status_code == 404
    response = officer_client.post(f"/settings/procedures/stages/{stage.pk}/", stage_data(target_days=99))
    assert response.status_code == 404
    adult.refresh_from_db()
    stage.refresh_from_db()
    assert adult.name == "Adult social care" and stage.target_days == 20


@pytest.mark.time_machine(dt.datetime(2025, 11, 1, 12, tzinfo=dt.UTC))
def test_a_closure_day_moves_deadlines_across_it(admin_client):
    assert add_working_days(dt.date(2025, 12, 19), 3) == dt.date(2025, 12, 24)
    response = admin_client.post("/settings/procedures/closure-days/", closure_data(24, 12, 2025))
    assert response.status_code == 302 and response.url == "/settings/procedures/closure-days/"
    assert add_working_days(dt.date(2025, 12, 19), 3) == dt.date(2025, 12, 29)
    page = admin_client.get("/settings/procedures/closure-days/").content.decode()
    assert "24 December 2025: Christmas Eve added" in page


@pytest.mark.time_machine(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_upcoming_and_past_closure_days_are_listed_apart(admin_client):
    ClosureDay.objects.create(date=dt.date(2025, 12, 24), description="Christmas Eve 2025")
    ClosureDay.objects.create(date=dt.date(2026, 12, 24), description="Christmas Eve 2026")
    page = admin_client.get("/settings/procedures/closure-days/").content.decode()
    upcoming, past = page.split('<h2 class="govuk-heading-m">Past</h2>')
    assert "Christmas Eve 2026" in upcoming and "Christmas Eve 2025" not in upcoming
    assert "Christmas Eve 2025" in past


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (closure_data(25, 12, 2025), "25 December 2025 is already a bank holiday"),
        (closure_data(27, 12, 2025), "27 December 2025 is a Saturday: weekends are never working days"),
        (closure_data(31, 2, 2025), "Date must be a real date"),
        (closure_data("", "", ""), "Enter date"),
        (closure_data(24, 12, 2025, description=""), "Enter what the closure day is, like Christmas Eve"),
    ],
)
def test_closure_days_that_change_nothing_or_are_incomplete_are_refused(admin_client, data, error):
    page = admin_client.post("/settings/procedures/closure-days/", data).content.decode()
    assert error in page and "There is a problem" in page
    assert not ClosureDay.objects.exists()


def test_the_same_closure_day_cannot_be_added_twice(admin_client):
    ClosureDay.objects.create(date=dt.date(2026, 12, 24), description="Christmas Eve")
    page = admin_client.post("/settings/procedures/closure-days/", closure_data(24, 12, 2026, "Again")).content.decode()
    assert '<a href="#id_date">24 December 2026 is already a closure day</a>' in page
    assert ClosureDay.objects.get().description == "Christmas Eve"


def test_a_closure_day_is_removed_after_confirming(admin_client):
    day = ClosureDay.objects.create(date=dt.date(2026, 12, 24), description="Christmas Eve")
    page = admin_client.get(f"/settings/procedures/closure-days/{day.pk}/remove/").content.decode()
    assert "Remove 24 December 2026 (Christmas Eve)?" in page
    assert ClosureDay.objects.exists()
    response = admin_client.post(f"/settings/procedures/closure-days/{day.pk}/remove/")
    assert response.status_code == 302 and response.url == "/settings/procedures/closure-days/"
    assert not ClosureDay.objects.exists()


def test_a_complaints_officer_cannot_add_or_remove_closure_days(officer_client):
    day = ClosureDay.objects.create(date=dt.date(2026, 12, 24), description="Christmas Eve")
    assert officer_client.post("/settings/procedures/closure-days/", closure_data(31, 12, 2026)).status_code == 404
    assert officer_client.post(f"/settings/procedures/closure-days/{day.pk}/remove/").status_code == 404
    assert list(ClosureDay.objects.all()) == [day]


def test_the_page_says_which_years_of_bank_holidays_it_knows_and_what_to_do_after(admin_client):
    first, last = bank_holiday_range()
    page = admin_client.get("/settings/procedures/closure-days/").content.decode()
    assert f"Redress knows the bank holidays from {first} to {last}" in page
    assert "For later years, add the bank holidays here as closure days" in page


def test_administrator_sets_the_adult_risk_rated_timescales(client, administrator):
    from redress.procedures.models import Procedure

    adult = Procedure.objects.get(code="adult")
    client.force_login(administrator)
    base = {
        "name": adult.name,
        "description": "",
        "reference_prefix": "ASC",
        "acknowledgement_days": "3",
        "six_month_limit": "on",
        "active": "on",
    }
    page = client.post(
        f"/settings/procedures/{adult.pk}/", {**base, "green_days": "30", "amber_days": "20", "red_days": "65"}
    ).content.decode()
    assert "Timescales must not get shorter as the risk rises" in page
    client.post(f"/settings/procedures/{adult.pk}/", {**base, "green_days": "15", "amber_days": "25", "red_days": "60"})
    adult.refresh_from_db()
    assert (adult.green_days, adult.amber_days, adult.red_days) == (15, 25, 60)
