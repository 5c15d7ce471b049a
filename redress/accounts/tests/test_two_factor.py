"""Signing in takes a password and a code from an authenticator app; nobody is signed in between."""

import re

import pytest
import time_machine
from auditlog.models import LogEntry

from conftest import PASSWORD
from redress.accounts import two_factor
from redress.accounts.models import Role

from .authenticator import code_from_key, give_authenticator, next_code


def password_step(client, username="olivia", password=PASSWORD, **query):
    return client.post("/account/sign-in/", {"username": username, "password": password, **query})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def secret_key(page) -> str:
    return re.search(r'id="secret-key">([A-Z2-7 ]+)<', page).group(1)


@pytest.mark.parametrize("role", Role.values)
def test_everyone_sets_up_an_authenticator_app_at_their_first_sign_in_whatever_their_role(client, make_user, role):
    person = make_user("sam", role)
    response = password_step(client, "sam")
    assert response.status_code == 302 and response.url == "/account/sign-in/set-up/"
    assert not signed_in(client)
    # Every other page still asks them to sign in.
    assert "/account/sign-in/" in client.get("/settings/").url

    page = client.get("/account/sign-in/set-up/").content.decode()
    assert 'src="data:image/svg+xml' in page and "QR code for setting up your authenticator app" in page
    key = secret_key(page)
    page = client.post("/account/sign-in/set-up/", {"code": code_from_key(key)}).content.decode()
    assert signed_in(client) and int(client.session["_auth_user_id"]) == person.pk
    assert "Two-factor authentication is set up" in page
    assert "This is the only time they are shown" in page
    codes = re.findall(r'<li class="redress-code">([a-z2-7]{8})</li>', page)
    assert len(codes) == 10 and two_factor.recovery_codes_left(person) == 10
    assert two_factor.is_set_up(person)


def test_the_set_up_page_shows_the_same_key_until_it_is_confirmed(client, officer):
    password_step(client)
    first = secret_key(client.get("/account/sign-in/set-up/").content.decode())
    page = client.post("/account/sign-in/set-up/", {"code": "000000"}).content.decode()
    assert secret_key(page) == first
    assert "The code is wrong or has already been used" in page
    assert not signed_in(client)


def test_the_set_up_page_takes_only_a_code_from_the_app(client, officer):
    password_step(client)
    page = client.post("/account/sign-in/set-up/", {"code": "abcdefgh"}).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in page
    assert not signed_in(client)


def test_someone_with_the_app_set_up_is_signed_in_only_after_the_code(client, officer):
    device = give_authenticator(officer)
    response = password_step(client, next="/cases/")
    assert response.status_code == 302 and response.url == "/account/sign-in/code/"
    assert not signed_in(client)
    assert client.get("/cases/").status_code == 302

    page = client.get("/account/sign-in/code/").content.decode()
    assert "Enter the code from your authenticator app" in page
    response = client.post("/account/sign-in/code/", {"code": next_code(device)})
    assert response.status_code == 302 and response.url == "/cases/"
    assert signed_in(client)
    assert client.get("/cases/").status_code == 200


def test_a_password_alone_cannot_replace_an_app_already_set_up(client, officer):
    give_authenticator(officer)
    password_step(client)
    response = client.get("/account/sign-in/set-up/")
    assert response.status_code == 302 and response.url == "/account/sign-in/code/"


def test_a_wrong_code_is_explained_and_signs_nobody_in(client, officer):
    give_authenticator(officer)
    password_step(client)
    page = client.post("/account/sign-in/code/", {"code": "123456"}).content.decode()
    assert "There is a problem" in page
    assert "The code is wrong or has already been used. Enter the latest code from your authenticator app" in page
    assert not signed_in(client)
    page = client.post("/account/sign-in/code/", {"code": ""}).content.decode()
    assert "Enter the code from your authenticator app" in page


def test_after_wrong_codes_the_next_try_must_wait(client, officer):
    device = give_authenticator(officer)
    password_step(client)
    client.post("/account/sign-in/code/", {"code": "123456"})
    client.post("/account/sign-in/code/", {"code": "123456"})
    # Even the right code is refused until the wait is over.
    page = client.post("/account/sign-in/code/", {"code": next_code(device)}).content.decode()
    assert re.search(r"The last code entered was wrong. Wait \d seconds?, then try again", page)
    assert not signed_in(client)


def test_a_code_that_was_used_once_is_refused(client, officer, make_user):
    device = give_authenticator(officer)
    code = next_code(device)
    password_step(client)
    client.post("/account/sign-in/code/", {"code": code})
    assert signed_in(client)

    # Someone who saw the code over their shoulder, with the password too.
    other = client.__class__()
    password_step(other)
    page = other.post("/account/sign-in/code/", {"code": code}).content.decode()
    assert "The code is wrong or has already been used" in page
    assert not signed_in(other)


def test_a_recovery_code_signs_in_once(client, officer):
    give_authenticator(officer)
    codes = two_factor.new_recovery_codes(officer, by=officer)
    password_step(client)
    response = client.post("/account/sign-in/code/", {"code": codes[0].upper()})
    assert response.status_code == 302 and signed_in(client)
    assert "You used a recovery code. You have 9 left" in client.get("/", follow=True).content.decode()

    client.post("/account/sign-out/")
    password_step(client)
    page = client.post("/account/sign-in/code/", {"code": codes[0]}).content.decode()
    assert "That recovery code is wrong or has already been used" in page
    assert not signed_in(client)


def test_the_code_step_without_the_password_step_goes_back_to_the_start(client, officer):
    give_authenticator(officer)
    response = client.post("/account/sign-in/code/", {"code": "123456"})
    assert response.status_code == 302 and response.url == "/account/sign-in/"
    page = client.get(response.url).content.decode()
    assert "Your sign-in timed out" in page


def test_the_code_step_closes_after_ten_minutes(client, officer):
    device = give_authenticator(officer)
    password_step(client)
    with time_machine.travel("2026-06-15 10:11 +01:00"):
        response = client.post("/account/sign-in/code/", {"code": next_code(device)})
    assert response.url == "/account/sign-in/" and not signed_in(client)


def test_someone_switched_off_between_the_steps_is_not_signed_in(client, officer):
    device = give_authenticator(officer)
    password_step(client)
    officer.is_active = False
    officer.save()
    response = client.post("/account/sign-in/code/", {"code": next_code(device)})
    assert response.url == "/account/sign-in/" and not signed_in(client)


def test_the_django_admin_sign_in_goes_through_ours(client):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302 and response.url == "/account/sign-in/?next=/django-admin/"


def test_people_see_their_recovery_codes_left_and_get_new_ones(client, officer, time_machine):
    device = give_authenticator(officer)
    old = two_factor.new_recovery_codes(officer, by=officer)
    client.force_login(officer)
    assert 'id="codes-left">10 of 10<' in client.get("/account/two-factor/").content.decode()

    page = client.post("/account/two-factor/", {"code": "000000"}).content.decode()
    assert "The code is wrong or has already been used" in page
    page = client.post("/account/two-factor/", {"code": old[0]}).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in page

    time_machine.shift(2)  # the wait after a wrong code
    page = client.post("/account/two-factor/", {"code": next_code(device)}).content.decode()
    new = re.findall(r'<li class="redress-code">([a-z2-7]{8})</li>', page)
    assert len(new) == 10 and not set(new) & set(old)
    assert "Your earlier recovery codes no longer work" in page
    client.post("/account/sign-out/")
    password_step(client)
    assert "That recovery code is wrong" in client.post("/account/sign-in/code/", {"code": old[1]}).content.decode()
    time_machine.shift(2)
    assert client.post("/account/sign-in/code/", {"code": new[1]}).status_code == 302


def test_administrators_reset_the_app_of_someone_who_lost_their_phone(client, administrator, officer):
    give_authenticator(officer)
    two_factor.new_recovery_codes(officer, by=officer)
    client.force_login(administrator)
    page = client.get(f"/account/staff/{officer.pk}/").content.decode()
    assert 'id="two-factor-status">Set up.' in page
    assert client.get(f"/account/staff/{officer.pk}/reset-two-factor/").status_code == 200

    response = client.post(f"/account/staff/{officer.pk}/reset-two-factor/")
    assert response.url == f"/account/staff/{officer.pk}/"
    assert not two_factor.is_set_up(officer) and two_factor.recovery_codes_left(officer) == 0
    entry = LogEntry.objects.get(object_id=officer.pk, changes__icontains="reset")
    assert entry.actor == administrator

    client.post("/account/sign-out/")
    assert password_step(client).url == "/account/sign-in/set-up/"


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_only_administrators_reset_someone_elses_app(client, make_user, officer, role):
    give_authenticator(officer)
    client.force_login(make_user("sam", role))
    assert client.post(f"/account/staff/{officer.pk}/reset-two-factor/").status_code == 404
    assert two_factor.is_set_up(officer)
