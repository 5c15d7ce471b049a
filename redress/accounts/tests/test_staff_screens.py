"""Administrators give staff their accounts and roles."""

import pytest

from redress.accounts.models import User


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


NEW = {
    "username": "sam",
    "first_name": "Sam",
    "last_name": "Singh",
    "email": "sam@example.gov.uk",
    "job_title": "Social worker",
    "role": "investigating_officer",
}


def test_administrator_adds_an_investigating_officer_who_can_then_sign_in(admin_client, client):
    response = admin_client.post("/account/staff/add/", {**NEW, "password": "a long enough passphrase"})
    assert response.status_code == 302
    sam = User.objects.get(username="sam")
    assert sam.role == "investigating_officer" and sam.check_password("a long enough passphrase")
    assert "Sam Singh" in admin_client.get("/account/staff/").content.decode()


def test_a_weak_first_password_is_refused(admin_client):
    page = admin_client.post("/account/staff/add/", {**NEW, "password": "password"}).content.decode()
    assert "This password is too short" in page
    assert not User.objects.filter(username="sam").exists()


def test_administrator_switches_off_an_account(admin_client, officer):
    admin_client.post(
        f"/account/staff/{officer.pk}/",
        {
            "username": officer.username,
            "first_name": "Olivia",
            "last_name": "Okafor",
            "email": "o@example.gov.uk",
            "role": "complaints_officer",
        },
    )
    officer.refresh_from_db()
    assert officer.is_active is False


def test_administrators_cannot_demote_or_switch_off_themselves(admin_client, administrator):
    page = admin_client.post(
        f"/account/staff/{administrator.pk}/",
        {
            "username": administrator.username,
            "first_name": "Ada",
            "last_name": "Adams",
            "email": "a@example.gov.uk",
            "role": "reporting",
        },
    ).content.decode()
    assert "You cannot take away your own administrator role" in page
    assert "You cannot switch off your own account" in page
    administrator.refresh_from_db()
    assert administrator.role == "administrator" and administrator.is_active


def test_officers_cannot_manage_accounts(client, officer):
    client.force_login(officer)
    assert client.post("/account/staff/add/", {**NEW, "password": "a long enough passphrase"}).status_code == 404
    assert not User.objects.filter(username="sam").exists()
