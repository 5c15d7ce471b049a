"""Signing in through the council's identity provider, against a real OpenID Connect provider
run locally (redress/accounts/tests/oidc_provider.mjs), not a stand-in."""

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from time_machine import escape_hatch

from .identity_provider import identity_provider, use_provider

CALLBACK = "http://testserver/account/sign-in/council/callback/"


@pytest.fixture(scope="module")
def issuer():
    with identity_provider(CALLBACK) as issuer:
        yield issuer


@pytest.fixture
def provider(settings, time_machine, issuer):
    # The provider's tokens carry the real time, which Redress checks.
    time_machine.move_to(dt.datetime.fromtimestamp(escape_hatch.time.time(), dt.UTC), tick=True)
    use_provider(settings, issuer)


def sign_in_at_the_provider(client, email: str, start="/account/sign-in/council/"):
    """Go to the provider as a browser would, sign in there as `email` and agree to share the
    email address, then come back to Redress with the provider's answer."""
    response = client.get(start)
    assert response.status_code == 302
    browser, answer = requests.Session(), None
    location = response.url
    while not location.startswith("http://testserver/"):
        answer = browser.get(location, allow_redirects=False, timeout=10)
        while not answer.is_redirect:
            # The provider's own pages: its sign-in form, then its consent form.
            action = re.search(r'<form[^>]*action="([^"]+)"', answer.text).group(1)
            prompt = re.search(r'name="prompt" value="(\w+)"', answer.text).group(1)
            fields = {"prompt": prompt, "login": email, "password": "any"} if prompt == "login" else {"prompt": prompt}
            answer = browser.post(urljoin(answer.url, action), data=fields, allow_redirects=False, timeout=10)
        location = urljoin(answer.url, answer.headers["location"])
    back = urlsplit(location)
    return client.get(f"{back.path}?{back.query}")


def test_the_sign_in_page_offers_the_councils_identity_provider_only_when_it_is_set_up(client, db, settings, issuer):
    assert "/account/sign-in/council/" not in client.get("/account/sign-in/").content.decode()
    assert client.get("/account/sign-in/council/").status_code == 404
    use_provider(settings, issuer)
    page = client.get("/account/sign-in/?next=/cases/").content.decode()
    assert 'href="/account/sign-in/council/?next=/cases/"' in page
    assert "Sign in with Northbridge council account" in page


def test_a_member_of_staff_signs_in_through_the_provider_without_a_redress_code(client, provider, officer):
    officer.email = "Olivia.Okafor@Northbridge.example"
    officer.save()
    response = sign_in_at_the_provider(
        client, "olivia.okafor@northbridge.example", "/account/sign-in/council/?next=/cases/"
    )
    assert response.status_code == 302 and response.url == "/cases/"
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.get("/cases/").status_code == 200


def test_someone_with_no_staff_account_is_refused_and_no_account_is_made(client, provider, officer):
    from redress.accounts.models import User

    response = sign_in_at_the_provider(client, "stranger@northbridge.example")
    assert response.status_code == 403
    page = response.content.decode()
    assert "There is no Redress account for you" in page and "stranger@northbridge.example" in page
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 1


def test_a_switched_off_account_is_refused(client, provider, make_user):
    make_user("gone", "complaints_officer", email="gone@northbridge.example", is_active=False)
    response = sign_in_at_the_provider(client, "gone@northbridge.example")
    assert response.status_code == 403 and "There is no Redress account for you" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_answer_this_browser_never_asked_for_is_refused(client, provider, officer):
    response = client.get("/account/sign-in/council/callback/?code=made-up&state=made-up")
    assert response.status_code == 403 and "You could not be signed in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_provider_that_cannot_be_reached_is_explained(client, db, settings):
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "redress", "secret"
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9/unreachable"
    response = client.get("/account/sign-in/council/")
    assert response.status_code == 503
    assert "signing in through your council account is not working" in response.content.decode()
