"""Changing a password, resetting a forgotten one by email, and the change an administrator's
choice of password forces."""

import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core import mail

from conftest import PASSWORD
from redress.accounts.models import User

from .authenticator import sign_in_with_code

NEW = "tangerine kettle orbit lantern"


def change(client, current=PASSWORD, new=NEW, again=None):
    return client.post(
        "/account/password/", {"old_password": current, "new_password1": new, "new_password2": again or new}
    )


def signs_in(client, username, password) -> bool:
    client.logout()
    sign_in_with_code(client, username, password)
    return "_auth_user_id" in client.session


def test_an_officer_changes_their_own_password_and_stays_signed_in(client, officer):
    client.force_login(officer)
    response = change(client)
    assert response.status_code == 302
    assert "Your password has been changed" in client.get(response.url, follow=True).content.decode()
    assert client.get("/cases/").status_code == 200  # this session goes on
    assert signs_in(client, "olivia", NEW) and not signs_in(client, "olivia", PASSWORD)


def test_changing_a_password_ends_the_persons_other_sessions(client, officer, django_user_model):
    from django.test import Client

    laptop = Client()
    laptop.force_login(officer)
    client.force_login(officer)
    change(client)
    assert laptop.get("/cases/").status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "again", "error"),
    [
        ("wrong password", NEW, NEW, "Your current password is wrong"),
        (PASSWORD, NEW, NEW + "x", "The passwords do not match"),
        (PASSWORD, "Password123!", "Password123!", "The password is too easy to guess"),
        (PASSWORD, "2026 olivia 2026 x", "2026 olivia 2026 x", "The password must not contain the user name"),
        (PASSWORD, "okafor-family-2026", "okafor-family-2026", "The password must not contain the last name"),
        ("", "", "", "Enter your current password"),
    ],
)
def test_a_wrong_current_password_or_a_weak_new_one_is_refused(client, officer, current, new, again, error):
    client.force_login(officer)
    page = change(client, current, new, again).content.decode()
    assert error in page and "There is a problem" in page
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_changing_a_password_needs_signing_in(client, db):
    response = client.get("/account/password/")
    assert response.status_code == 302 and "/account/sign-in/" in response.url


# Forgotten passwords.


def ask_for_a_reset(client, email):
    return client.post("/account/password/reset/", {"email": email})


def reset_link() -> str:
    (email,) = mail.outbox
    return re.search(r"http://testserver(/account/password/reset/\S+/)", email.body).group(1)


@pytest.fixture
def testserver(settings):
    settings.SITE_URL = "http://testserver"


def test_a_forgotten_password_is_reset_through_a_link_emailed_to_the_account(client, link_officer, testserver):
    response = ask_for_a_reset(client, "lena@council.example")
    assert response.status_code == 302 and response.url == "/account/password/reset/sent/"
    (email,) = mail.outbox
    assert email.to == ["lena@council.example"] and "lena" in email.body and "60 minutes" in email.body
    choose = client.get(reset_link(), follow=True)
    assert "Choose a new password" in choose.content.decode()
    done = client.post(choose.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "Your password has been reset" in done.content.decode()
    assert signs_in(client, "lena", NEW)


def test_the_same_answer_comes_whether_or_not_the_address_has_an_account(client, link_officer):
    def answer(email):
        page = client.get(ask_for_a_reset(client, email).url).content.decode()
        return re.sub(r'nonce="[^"]+"', "", page)

    known, unknown = answer("lena@council.example"), answer("nobody@council.example")
    assert "Check your email" in known and known == unknown
    assert len(mail.outbox) == 1


def test_reset_emails_are_limited_per_account_and_per_address_with_the_same_answer(
    client, link_officer, make_user, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # From many addresses, the account is sent 3 links an hour; the answer never changes.
    for n in range(5):
        response = client.post(
            "/account/password/reset/", {"email": "LENA@council.example"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        assert response.url == "/account/password/reset/sent/"
    assert len(mail.outbox) == 3
    # From one address, 10 requests an hour whatever the accounts.
    for n in range(12):
        make_user(f"user{n}", "manager", email=f"user{n}@council.example")
        client.post(
            "/account/password/reset/", {"email": f"user{n}@council.example"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
    assert len(mail.outbox) == 3 + 10


def test_a_switched_off_account_gets_no_reset_link(client, link_officer):
    User.objects.filter(pk=link_officer.pk).update(is_active=False)
    ask_for_a_reset(client, "lena@council.example")
    assert mail.outbox == []


def test_the_link_starts_with_the_sites_address_not_the_one_the_request_claims(client, link_officer, settings):
    settings.SITE_URL = "https://complaints.example.gov.uk"
    settings.ALLOWED_HOSTS = ["*"]
    client.post("/account/password/reset/", {"email": "lena@council.example"}, HTTP_HOST="evil.example")
    assert "https://complaints.example.gov.uk/account/password/reset/" in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body


def test_a_reset_link_expires_after_an_hour(client, link_officer, testserver):
    ask_for_a_reset(client, "lena@council.example")
    with time_machine.travel("2026-06-15 11:01 +01:00"):
        page = client.get(reset_link(), follow=True).content.decode()
    assert "This link has expired" in page and "Ask for a new link" in page


def test_a_reset_link_works_only_once(client, link_officer, testserver):
    ask_for_a_reset(client, "lena@council.example")
    link = reset_link()
    choose = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(choose, {"new_password1": NEW, "new_password2": NEW})
    assert "This link has expired" in client.get(link, follow=True).content.decode()


def test_a_weak_password_is_refused_on_the_reset_page_too(client, link_officer, testserver):
    ask_for_a_reset(client, "lena@council.example")
    choose = client.get(reset_link(), follow=True).redirect_chain[-1][0]
    page = client.post(choose, {"new_password1": "Welcome12345", "new_password2": "Welcome12345"}).content.decode()
    assert "The password is too easy to guess" in page
    assert not signs_in(client, "lena", "Welcome12345")


@pytest.mark.parametrize(("email", "error"), [("", "Enter your email address"), ("lena", "in the correct format")])
def test_the_reset_page_says_what_is_wrong_with_the_address(client, db, email, error):
    assert error in ask_for_a_reset(client, email).content.decode()


# Passwords an administrator sets.


def test_someone_given_a_password_by_an_administrator_must_change_it_before_anything_else(
    client, administrator, officer
):
    client.force_login(administrator)
    form = {"first_name": "Olivia", "last_name": "Okafor", "email": "o@example.gov.uk", "role": officer.role}
    given = "marmalade tunnel piano"
    response = client.post(f"/account/staff/{officer.pk}/", form | {"is_active": "on", "password": given})
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=officer.pk, changes__has_key="password")
    assert entry.actor == administrator

    assert signs_in(client, "olivia", given)
    for page in ["/", "/cases/", "/reports/"]:
        response = client.get(page)
        assert response.status_code == 302 and response.url == "/account/password/"
    page = client.get("/account/password/").content.decode()
    assert "Your administrator chose your password" in page
    change(client, given, NEW)
    assert client.get("/cases/").status_code == 200
    officer.refresh_from_db()
    assert not officer.must_change_password


def test_someone_who_must_change_their_password_can_still_sign_out(client, officer):
    User.objects.filter(pk=officer.pk).update(must_change_password=True)
    client.force_login(officer)
    assert client.post("/account/sign-out/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_new_account_must_change_its_first_password(client, administrator):
    client.force_login(administrator)
    client.post(
        "/account/staff/add/",
        {"username": "sam", "first_name": "Sam", "last_name": "Singh", "email": "sam@example.gov.uk"}
        | {"role": "manager", "password": "marmalade tunnel piano"},
    )
    assert User.objects.get(username="sam").must_change_password


def test_a_password_left_blank_on_the_staff_page_stays_as_it_was(client, administrator, officer):
    client.force_login(administrator)
    form = {"first_name": "Olivia", "last_name": "Okafor", "email": "o@example.gov.uk", "role": officer.role}
    client.post(f"/account/staff/{officer.pk}/", form | {"is_active": "on", "password": ""})
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD) and not officer.must_change_password


def test_resetting_a_forgotten_password_also_ends_the_request_to_change_it(client, link_officer, testserver):
    User.objects.filter(pk=link_officer.pk).update(must_change_password=True)
    ask_for_a_reset(client, "lena@council.example")
    choose = client.get(reset_link(), follow=True).redirect_chain[-1][0]
    client.post(choose, {"new_password1": NEW, "new_password2": NEW})
    link_officer.refresh_from_db()
    assert not link_officer.must_change_password


def test_the_sign_in_page_offers_to_reset_a_forgotten_password(client, db):
    page = client.get("/account/sign-in/").content.decode()
    assert 'href="/account/password/reset/">Forgotten your password?</a>' in page
