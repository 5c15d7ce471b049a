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
    "password": "a long enough passphrase",
}


def changes(person, **fields):
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": "someone@example.gov.uk",
        "job_title": person.job_title,
        "role": person.role,
        "is_active": "on",
        **fields,
    }


def test_the_staff_list_shows_each_persons_role_and_whether_they_can_sign_in(admin_client, officer, make_user):
    make_user("gone", "manager", first_name="Gerry", last_name="Gone", is_active=False)
    page = admin_client.get("/account/staff/").content.decode()
    olivia = page[page.index("Olivia Okafor") : page.index("</tr>", page.index("Olivia Okafor"))]
    gerry = page[page.index("Gerry Gone") : page.index("</tr>", page.index("Gerry Gone"))]
    assert "Complaints officer" in olivia and ">Yes<" in olivia
    assert "Manager" in gerry and ">No<" in gerry


def test_administrator_adds_an_investigating_officer_who_can_then_sign_in(admin_client, client):
    response = admin_client.post("/account/staff/add/", NEW)
    assert response.status_code == 302 and response.url == "/account/staff/"
    sam = User.objects.get(username="sam")
    assert (sam.first_name, sam.last_name, sam.email, sam.job_title) == (
        "Sam",
        "Singh",
        "sam@example.gov.uk",
        "Social worker",
    )
    assert sam.role == "investigating_officer" and sam.is_active
    assert "Sam Singh saved" in admin_client.get("/account/staff/").content.decode()
    client.logout()
    signed_in = client.post("/account/sign-in/", {"username": "sam", "password": NEW["password"]})
    assert signed_in.status_code == 302 and signed_in.url == "/account/sign-in/set-up/"


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("password", "This password is too short"),
        ("password1234", "The password is too easy to guess"),
        # The examples, all accepted before.
        ("Password123!", "The password is too easy to guess"),
        ("Summer2026!!", "The password is too easy to guess"),
        ("Welcome12345", "The password is too easy to guess"),
        ("aaaaaaaaaaaa", "The password must not be one character or a short pattern repeated"),
        ("Example Council rocks", "The password must not contain the council&#x27;s name"),
        ("singh-and-sons-2026", "The password must not contain the last name"),
        ("redress-demo-2026", "The password must not contain the demonstration password"),
        ("381946720513", "This password is entirely numeric"),
        ("sam@example.gov.uk", "The password is too similar to the email address"),
        ("", "Enter a first password"),
    ],
)
def test_a_weak_first_password_is_refused(admin_client, password, error):
    page = admin_client.post("/account/staff/add/", {**NEW, "password": password}).content.decode()
    assert error in page
    assert 'value="Sam"' in page  # the rest of what was typed is kept
    assert not User.objects.filter(username="sam").exists()


def test_no_role_is_chosen_until_the_administrator_chooses_one(admin_client):
    assert " checked" not in admin_client.get("/account/staff/add/").content.decode()


def test_the_password_typed_is_not_shown_again(admin_client):
    page = admin_client.post("/account/staff/add/", {**NEW, "email": "wrong"}).content.decode()
    assert "Enter an email address in the correct format" in page
    assert NEW["password"] not in page


def test_a_user_name_already_taken_is_refused(admin_client, officer):
    page = admin_client.post("/account/staff/add/", {**NEW, "username": "olivia"}).content.decode()
    assert '<a href="#id_username">There is already an account with that user name</a>' in page
    assert User.objects.filter(username="olivia").count() == 1


def test_names_email_and_role_are_needed(admin_client):
    page = admin_client.post("/account/staff/add/", {**NEW, "first_name": "", "email": "", "role": ""}).content.decode()
    assert "Enter their first name" in page and "Enter their email address" in page and "Select their role" in page
    assert not User.objects.filter(username="sam").exists()


def test_administrator_changes_someones_details_and_role_but_not_their_user_name(admin_client, officer):
    response = admin_client.post(
        f"/account/staff/{officer.pk}/",
        changes(officer, username="changed", last_name="Okafor-Smith", role="manager", job_title="Team manager"),
    )
    assert response.status_code == 302 and response.url == "/account/staff/"
    officer.refresh_from_db()
    assert officer.username == "olivia"
    assert (officer.last_name, officer.role, officer.job_title) == ("Okafor-Smith", "manager", "Team manager")
    assert officer.email == "someone@example.gov.uk" and officer.is_active


def test_administrator_switches_off_an_account(admin_client, officer):
    response = admin_client.post(f"/account/staff/{officer.pk}/", changes(officer, is_active=""))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.is_active is False


def test_administrators_cannot_demote_themselves(admin_client, administrator):
    page = admin_client.post(
        f"/account/staff/{administrator.pk}/", changes(administrator, role="reporting")
    ).content.decode()
    assert "You cannot take away your own administrator role</a>" in page  # in the error summary
    administrator.refresh_from_db()
    assert administrator.role == "administrator"


def test_administrators_cannot_switch_themselves_off(admin_client, administrator):
    page = admin_client.post(
        f"/account/staff/{administrator.pk}/", changes(administrator, is_active="", first_name="Adaline")
    ).content.decode()
    assert '<a href="#id_is_active">You cannot switch off your own account</a>' in page
    administrator.refresh_from_db()
    assert administrator.is_active and administrator.first_name == "Ada"


def test_administrators_can_demote_another_administrator(admin_client, make_user):
    other = make_user("alex", "administrator")
    admin_client.post(f"/account/staff/{other.pk}/", changes(other, role="reporting"))
    other.refresh_from_db()
    assert other.role == "reporting"


def test_officers_cannot_manage_accounts(client, officer, administrator):
    client.force_login(officer)
    assert client.get("/account/staff/").status_code == 404
    assert client.post("/account/staff/add/", NEW).status_code == 404
    response = client.post(f"/account/staff/{officer.pk}/", changes(officer, role="administrator"))
    assert response.status_code == 404
    officer.refresh_from_db()
    assert officer.role == "complaints_officer"
    assert not User.objects.filter(username="sam").exists()
