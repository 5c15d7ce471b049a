"""Behind the council's proxy the limits hold. Every request reaches Redress from nginx on the
same server, which appends the address it saw to whatever X-Forwarded-For the visitor sent, as
`$proxy_add_x_forwarded_for` does; attackers write their own entries to the left of it."""

import datetime as dt
import re
import runpy
from pathlib import Path

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core import mail
from django.test import RequestFactory

from conftest import PASSWORD
from redress.cases.models import Person, Representation
from redress.client_address import client_address, counted_address
from redress.intake.tests.helpers import fill_in

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"
ATTACKER = "203.0.113.7"
VICTIM = "susan.hughes@example.com"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"  # what the deployment used to set


def through_proxy(client, visitor: str, written: str = ""):
    """Send the client's requests as nginx passes them on: what the visitor wrote, then their address."""
    client.defaults.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=", ".join(filter(None, [written, visitor])))
    return client


def spoofed(n: int) -> str:
    return f"198.51.100.{n}"


def request_with(forwarded: str | None, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "visitor"),
    [
        (0, "198.51.100.1", "192.0.2.44", "192.0.2.44"),  # no proxy: the header is the visitor's own
        (1, None, "192.0.2.44", "192.0.2.44"),  # came straight in, past the proxy
        (1, "198.51.100.1, 203.0.113.7", PROXY, "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.5", "10.0.0.6", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.6", "203.0.113.7"),  # fewer entries than proxies: the outer one was skipped
        (1, "203.0.113.7:51234", PROXY, "203.0.113.7"),
        (1, "[2001:db8::7]:443", PROXY, "2001:db8::7"),
        (1, "::ffff:203.0.113.7", PROXY, "203.0.113.7"),
        (1, "198.51.100.1, not-an-address", PROXY, PROXY),
    ],
)
def test_the_visitor_is_the_address_the_nearest_trusted_proxy_saw(settings, proxies, forwarded, remote, visitor):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_with(forwarded, remote)) == visitor


def test_ipv6_visitors_are_counted_by_their_64_network_which_is_theirs_to_change_within():
    assert counted_address(request_with("2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::"
    assert counted_address(request_with("2001:db8:1:2:bbbb::9")) == "2001:db8:1:2::"
    assert counted_address(request_with(ATTACKER)) == ATTACKER


def test_a_deployment_that_set_the_old_header_is_behind_one_proxy(monkeypatch):
    settings_file = str(Path(__file__).resolve().parent.parent / "settings.py")

    def proxies(**environ) -> int:
        for name in ("CLIENT_ADDRESS_HEADER", "TRUSTED_PROXY_COUNT"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(settings_file)["TRUSTED_PROXY_COUNT"]

    assert proxies() == 0
    assert proxies(CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR") == 1
    assert proxies(CLIENT_ADDRESS_HEADER="REMOTE_ADDR") == 0
    assert proxies(CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR", TRUSTED_PROXY_COUNT="2") == 2


# The public online form.

COMPLIMENT = {
    "what": {"kind": "compliment"},
    "service": {"service": "adult"},
    "your-details": {"first_name": "Tom", "last_name": "Ng", "email": "tom@example.com"},
    "contact": {"preferred": "email"},
    "what-happened": {"what_happened": "The reablement team were wonderful with Dad."},
    "staff": {"staff_named": ""},
}


def test_an_attacker_writing_a_new_address_each_time_still_sends_only_10_forms_an_hour(
    client, django_capture_on_commit_callbacks
):
    answers = []
    for n in range(12):
        through_proxy(client, ATTACKER, written=spoofed(n))
        fill_in(client, COMPLIMENT)
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(client.post("/feedback/check-your-answers/", {"website": ""}).status_code)
        client.get("/feedback/")
    assert answers == [302] * 10 + [429] * 2
    assert Representation.objects.count() == 10
    # The audit trail records where the cases came from as the proxy saw it.
    assert set(LogEntry.objects.exclude(remote_addr=None).values_list("remote_addr", flat=True)) == {ATTACKER}
    # Someone else behind the same proxy is not held back by it.
    neighbour = through_proxy(type(client)(), "192.0.2.80")
    fill_in(neighbour, COMPLIMENT)
    assert neighbour.post("/feedback/check-your-answers/", {"website": ""}).status_code == 302


# Track your case: the attacker knows the reference and the email address.


@pytest.fixture
def case(make_case):
    return make_case(complainant=Person.objects.create(first_name="Susan", last_name="Hughes", email=VICTIM))


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    def ask_for_code(client, reference, email=VICTIM):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/track/", {"reference": reference, "email": email})

    return ask_for_code


def emailed_code() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def test_five_wrong_codes_lock_the_case_whichever_codes_they_were_entered_against(client, case, ask):
    answers = []
    for n in range(3):  # a fresh code for every four guesses
        through_proxy(client, ATTACKER, written=spoofed(n))
        ask(client, case.reference)
        wrong = "000000" if emailed_code() != "000000" else "111111"
        answers += [client.post("/track/code/", {"code": wrong}).status_code for _ in range(4)]
    # Locked at the first guess at the second code; after that, sent back to the start.
    assert answers == [200] * 4 + [429] + [302] * 7
    assert "You cannot check this case online for now" in ask(client, case.reference).content.decode()


def test_a_hundred_guesses_with_a_fresh_code_every_four_reach_the_case_four_times(client, case, ask):
    pages = []
    for n in range(100):
        through_proxy(client, ATTACKER, written=spoofed(n))
        if n % 4 == 0:
            ask(client, case.reference)
        guess = f"{n:06d}" if f"{n:06d}" != emailed_code() else "999999"
        pages.append(client.post("/track/code/", {"code": guess}))
    assert sum("The code is not right" in page.content.decode() for page in pages) == 4
    assert not [page for page in pages if page.get("Location") == "/track/case/"]
    # The person, from their own address, is told the case is locked.
    assert ask(through_proxy(type(client)(), "192.0.2.80"), case.reference).status_code == 429


def test_code_emails_are_limited_per_case_and_per_email_address_whoever_asks(client, make_case, case, ask):
    # One attacker writing a new address each time, then many real addresses.
    answers = [ask(through_proxy(client, ATTACKER, written=spoofed(n)), case.reference).status_code for n in range(29)]
    assert answers == [302] * 5 + [429] * 24
    for n in range(29):
        assert ask(through_proxy(type(client)(), f"192.0.2.{n}"), case.reference).url == "/track/code/"
    assert len(mail.outbox) == 3
    # Susan's other cases share her email address, which is sent 10 codes a day at most.
    others = [make_case(complainant=case.complainant) for _ in range(3)]
    for n, other in enumerate(others * 3):
        assert ask(through_proxy(type(client)(), f"192.0.2.{100 + n}"), other.reference).url == "/track/code/"
    assert len(mail.outbox) == 10 and {tuple(email.to) for email in mail.outbox} == {(VICTIM,)}


def test_while_a_case_is_locked_a_right_and_a_wrong_email_address_get_the_same_answer(client, case, ask):
    ask(through_proxy(client, ATTACKER), case.reference)
    wrong = "000000" if emailed_code() != "000000" else "111111"
    for _ in range(5):
        client.post("/track/code/", {"code": wrong})
    mail.outbox.clear()

    def answer(email):
        response = ask(through_proxy(type(client)(), "192.0.2.80"), case.reference, email)
        return response.status_code, re.sub(r'nonce="[^"]*"', "", response.content.decode())

    assert answer(VICTIM) == answer("someone.else@example.com")
    assert answer(VICTIM)[0] == 429 and not mail.outbox


# Signing in.


def sign_in(client, username, password):
    return client.post("/account/sign-in/", {"username": username, "password": password})


def test_wrong_passwords_from_elsewhere_do_not_lock_a_member_of_staff_out(client, officer):
    # The attacker even writes Olivia's office address into the header.
    attacker = through_proxy(client, ATTACKER, written="192.0.2.80")
    for _ in range(6):
        sign_in(attacker, "olivia", "guess")
    assert "Your account is locked" in sign_in(attacker, "olivia", PASSWORD).content.decode()
    assert sign_in(through_proxy(type(client)(), "192.0.2.80"), "olivia", PASSWORD).status_code == 302


def test_trying_a_few_passwords_on_each_of_many_accounts_gets_the_address_refused(client, officer):
    pages = []
    for n in range(12):
        attacker = through_proxy(client, ATTACKER, written=spoofed(n))
        pages += [sign_in(attacker, f"user{n}", "Winter2026!") for _ in range(4)]
    # Nine accounts' worth of guesses, then the first wrong password at the tenth refuses the address.
    assert [page.status_code for page in pages] == [200] * 36 + [429] * 12
    assert "You cannot sign in from this network for now" in pages[-1].content.decode()
    assert sign_in(attacker, "olivia", PASSWORD).status_code == 429
    assert sign_in(through_proxy(type(client)(), "192.0.2.80"), "olivia", PASSWORD).status_code == 302
    # Half an hour on, the guesses have aged out and the address may sign in again.
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=31)):
        assert sign_in(attacker, "olivia", PASSWORD).status_code == 302
