"""Signing in: strong hashing, and lock-out after repeated failures."""

import pytest
from django.contrib.auth.hashers import identify_hasher

from conftest import PASSWORD

from .authenticator import sign_in_with_code


def sign_in(client, username, password):
    return client.post("/account/sign-in/", {"username": username, "password": password})


def test_officer_signs_in_and_lands_on_the_dashboard(client, officer):
    response = sign_in_with_code(client, "olivia", PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/dashboard/"


def test_a_wrong_password_is_explained_without_saying_which_part_was_wrong(client, officer):
    page = sign_in(client, "olivia", "not the password").content.decode()
    assert "Enter a correct user name and password" in page
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, officer):
    for _ in range(5):
        sign_in(client, "olivia", "guess")
    response = sign_in(client, "olivia", PASSWORD)
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_stored_with_argon2(settings, make_user):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = make_user("ann", "complaints_officer")
    assert identify_hasher(user.password).algorithm == "argon2"


@pytest.mark.parametrize("path", ["/cases/", "/cases/new/", "/settings/"])
def test_staff_pages_need_signing_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/account/sign-in/" in response.url


def test_sign_out_ends_the_session(client, officer):
    client.force_login(officer)
    client.post("/account/sign-out/")
    assert client.get("/cases/").status_code == 302
