"""A signed-in session ends after 30 minutes doing nothing, 8 hours after signing in whatever is
done, and when an administrator ends it; the next page says why."""

import datetime as dt

import pytest
import time_machine
from auditlog.models import LogEntry
from django.test import Client

from conftest import A_FIXED_NOW

MINUTE = dt.timedelta(minutes=1)


def at(minutes: float):
    return time_machine.travel(A_FIXED_NOW + minutes * MINUTE, tick=False)


@pytest.fixture
def signed_in(client, officer):
    with at(0):
        client.force_login(officer)
    return client


def test_a_page_opened_within_30_minutes_of_the_last_keeps_the_session_going(signed_in):
    for minutes in (29, 58, 87):
        with at(minutes):
            assert signed_in.get("/cases/").status_code == 200


def test_after_30_minutes_doing_nothing_the_next_page_signs_out_and_says_why(signed_in):
    with at(31):
        response = signed_in.get("/cases/")
        assert response.status_code == 302 and response.url == "/account/signed-out/"
        page = signed_in.get(response.url).content.decode()
    assert "You have been signed out because you did nothing for 30 minutes" in page
    assert "_auth_user_id" not in signed_in.session
    with at(32):
        assert signed_in.get("/cases/").url.startswith("/account/sign-in/")


def test_a_form_sent_after_the_idle_limit_goes_to_the_page_saying_why(signed_in, make_case):
    case = make_case()
    with at(45):
        response = signed_in.post(f"/cases/{case.reference}/edit/", {"summary": "changed"})
    assert response.url == "/account/signed-out/"


def test_the_idle_limit_is_a_setting(signed_in, settings):
    settings.SESSION_IDLE_MINUTES = 10
    with at(11):
        assert signed_in.get("/cases/").url == "/account/signed-out/"


def test_the_session_ends_8_hours_after_signing_in_however_busy(signed_in):
    for minutes in range(20, 8 * 60, 20):
        with at(minutes):
            assert signed_in.get("/cases/").status_code == 200
    with at(8 * 60 + 1):
        response = signed_in.get("/cases/")
        assert response.url == "/account/signed-out/"
        page = signed_in.get(response.url).content.decode()
    assert "because you signed in more than 8 hours ago" in page


def test_stay_signed_in_keeps_the_session_going(signed_in):
    with at(25):
        assert signed_in.get("/account/keep-alive/").status_code == 204
    with at(50):
        assert signed_in.get("/cases/").status_code == 200


def test_stay_signed_in_after_the_session_ended_goes_to_the_page_saying_so(signed_in):
    with at(40):
        assert signed_in.get("/account/keep-alive/", follow=True).redirect_chain[-1][0] == "/account/signed-out/"


def test_pages_warn_two_minutes_before_the_idle_limit(signed_in):
    page = signed_in.get("/cases/").content.decode()
    assert 'data-idle-minutes="30"' in page and 'data-warn-minutes="2"' in page
    assert "You are about to be signed out" in page and "Stay signed in" in page


def test_the_public_pages_have_no_staff_warning(client, db):
    assert "You are about to be signed out" not in client.get("/feedback/").content.decode()


# Ending someone's sessions.


def test_an_administrator_signs_someone_out_everywhere_at_their_next_page(signed_in, administrator, officer):
    admin = Client()
    with at(5):
        admin.force_login(administrator)
        page = admin.get(f"/account/staff/{officer.pk}/").content.decode()
        assert "Sign Olivia Okafor out everywhere" in page
        response = admin.post(f"/account/staff/{officer.pk}/end-sessions/", follow=True)
        assert "Olivia Okafor has been signed out everywhere" in response.content.decode()
    with at(6):
        response = signed_in.get("/cases/")
        assert response.url == "/account/signed-out/"
        assert "An administrator has signed you out" in signed_in.get(response.url).content.decode()
        entry = LogEntry.objects.get(object_id=officer.pk, changes__has_key="sessions_ended_at")
        assert entry.actor == administrator
    with at(7):
        again = Client()
        again.force_login(officer)  # signing in afresh works
        assert again.get("/cases/").status_code == 200


def test_only_administrators_can_end_sessions(signed_in, manager, officer):
    other = Client()
    other.force_login(manager)
    assert other.post(f"/account/staff/{officer.pk}/end-sessions/").status_code == 404
    assert signed_in.get("/cases/").status_code == 200


def test_ending_sessions_needs_a_post(client, administrator, officer):
    client.force_login(administrator)
    assert client.get(f"/account/staff/{officer.pk}/end-sessions/").status_code == 405
