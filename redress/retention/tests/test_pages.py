"""The Retention page, legal holds on a case's page, the daily run and the command."""

import datetime as dt
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from redress.audit.readable import readable
from redress.audit.trail import history_for_case
from redress.cases.models import Outcome, Person
from redress.notifications.background import scheduler_tick
from redress.notifications.models import DailyRun
from redress.retention.models import Anonymisation, LegalHold, RetentionRules

pytestmark = pytest.mark.django_db

INDEX = "/settings/retention/"


@pytest.fixture
def old_case(make_case):
    """A complaint closed seven years ago, made by Ruth Evans."""
    ruth = Person.objects.create(first_name="Ruth", last_name="Evans", email="ruth@example.com")
    return make_case(
        complainant=ruth, received=dt.date(2019, 3, 1), closed=dt.date(2019, 5, 1), outcome=Outcome.NOT_UPHELD
    )


def test_an_administrator_sees_what_the_next_run_will_anonymise_without_names(client, administrator, old_case):
    client.force_login(administrator)
    page = client.get(INDEX).content.decode()
    assert "The run on Monday 15 June 2026 will anonymise 1 case." in page
    assert old_case.reference in page and "1 May 2019" in page and "Complaint" in page
    assert "Evans" not in page
    # Once today's run is queued, the list is the next day's.
    DailyRun.objects.create(date=timezone.localdate())
    assert "The run on Tuesday 16 June 2026" in client.get(INDEX).content.decode()


def test_an_administrator_changes_a_kinds_period_and_a_wrong_number_is_explained(client, administrator, old_case):
    client.force_login(administrator)
    form = {
        "complaint_years": "10",
        "compliment_years": "6",
        "comment_years": "6",
        "enquiry_years": "6",
        "service_request_years": "6",
        "keep_equality_monitoring": "on",
    }
    response = client.post(INDEX, {**form, "complaint_years": "0"})
    assert response.status_code == 200
    assert "Complaints: years kept after closure must be 1 or more" in response.content.decode()
    response = client.post(INDEX, {**form, "enquiry_years": "six"})
    assert "Initial enquiries: years kept after closure must be a whole number" in response.content.decode()
    assert client.post(INDEX, form).status_code == 302
    assert RetentionRules.current().complaint_years == 10
    assert "will anonymise 0 cases" in client.get(INDEX).content.decode()


@pytest.mark.parametrize(
    "role", ["complaints_officer", "investigating_officer", "manager", "link_officer", "reporting"]
)
def test_only_administrators_open_the_retention_page(client, make_user, role):
    client.force_login(make_user("someone", role))
    assert client.get(INDEX).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, old_case):
    hold = LegalHold.objects.create(case=old_case, reason="Claim", placed_by=_someone())
    for url in (INDEX, f"{INDEX}cases/{old_case.reference}/hold/", f"{INDEX}holds/{hold.pk}/release/"):
        response = client.post(url)
        assert response.status_code == 302 and "/account/sign-in/" in response.url


def _someone():
    from redress.accounts.models import User

    return User.objects.create_user("placer", role="complaints_officer")


def test_a_complaints_officer_places_a_hold_and_releases_it_from_the_case_page(client, officer, old_case):
    client.force_login(officer)
    page = client.get(old_case.get_absolute_url()).content.decode()
    assert "Its personal details will be removed on 1 May 2025" in page
    assert "Place a legal hold" in page
    url = f"{INDEX}cases/{old_case.reference}/hold/"
    response = client.post(url, {"reason": "", "until_day": "1", "until_month": "1", "until_year": "2020"})
    page = response.content.decode()
    assert "Enter why the case must be kept" in page and "Keep until must be today or in the future" in page

    response = client.post(
        url, {"reason": "Insurance claim IC-77", "until_day": "", "until_month": "", "until_year": ""}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.placed_by, hold.until, hold.case) == (officer, None, old_case)
    page = client.get(old_case.get_absolute_url()).content.decode()
    assert "Kept until the hold is released: Insurance claim IC-77" in page
    assert "Placed by Olivia Okafor on 15 June 2026" in page

    assert client.get(f"{INDEX}holds/{hold.pk}/release/").status_code == 405
    assert client.post(f"{INDEX}holds/{hold.pk}/release/").status_code == 302
    hold.refresh_from_db()
    assert hold.released_by == officer and hold.released
    # Both are on the case's audit trail.
    trail = readable(history_for_case(old_case), old_case)
    what = [(entry.what, entry.who) for entry in trail]
    assert ("Legal hold placed", "Olivia Okafor") in what
    assert ("Legal hold changed", "Olivia Okafor") in what
    assert client.post(f"{INDEX}holds/{hold.pk}/release/").status_code == 404, "already released"


@pytest.mark.parametrize("role", ["investigating_officer", "manager", "link_officer", "reporting"])
def test_other_roles_cannot_place_or_release_a_hold(client, make_user, old_case, role):
    hold = LegalHold.objects.create(case=old_case, reason="Claim", placed_by=_someone())
    user = make_user("someone", role)
    client.force_login(user)
    assert client.get(f"{INDEX}cases/{old_case.reference}/hold/").status_code == 404
    assert client.post(f"{INDEX}cases/{old_case.reference}/hold/", {"reason": "Mine"}).status_code == 404
    assert client.post(f"{INDEX}holds/{hold.pk}/release/").status_code == 404
    assert LegalHold.objects.in_force(timezone.localdate()).count() == 1


def test_the_administrator_sees_the_holds_in_force(client, administrator, old_case):
    LegalHold.objects.create(
        case=old_case, reason="Court case 2026/4", until=dt.date(2027, 1, 31), placed_by=_someone()
    )
    client.force_login(administrator)
    page = client.get(INDEX).content.decode()
    assert "Court case 2026/4" in page and "31 January 2027" in page
    assert "will anonymise 0 cases" in page


def test_the_daily_run_the_scheduler_queues_anonymises_the_cases_due(old_case, caplog, client, officer):
    caplog.set_level(logging.INFO)
    assert scheduler_tick(hour=7) == timezone.localdate()  # tasks run at once in tests
    assert Anonymisation.objects.filter(case=old_case).exists()
    assert "Retention: anonymised 1 case(s) past their retention period" in caplog.text
    assert "Ruth" not in caplog.text and "Evans" not in caplog.text and old_case.reference not in caplog.text
    client.force_login(officer)
    page = client.get(old_case.get_absolute_url()).content.decode()
    assert "Personal details removed on 15 June 2026: its retention period ended." in page
    assert "Evans" not in page and "Place a legal hold" not in page
    assert client.get(f"{INDEX}cases/{old_case.reference}/hold/").status_code == 404


def test_the_command_lists_the_cases_due_in_a_dry_run_and_then_anonymises_them(old_case):
    out = io.StringIO()
    call_command("anonymise_closed_cases", "--dry-run", stdout=out)
    assert f"{old_case.reference}\tcomplaint\tclosed 1 May 2019" in out.getvalue()
    assert "1 case(s) would be anonymised today." in out.getvalue()
    assert not Anonymisation.objects.exists()
    call_command("anonymise_closed_cases", stdout=out)
    assert "Anonymised 1 case(s)." in out.getvalue()
    old_case.complainant.refresh_from_db()
    assert old_case.complainant.last_name == ""


@pytest.mark.parametrize(
    "page",
    [
        "edit/",
        "reopen/",
        "findings/",
        "remedies/add/",
        "restrict-contact/",
        "/letters/cases/{}/new/",
        "/learning/cases/{}/add/",
    ],
)
def test_an_anonymised_case_cannot_be_changed_and_says_why(client, officer, old_case, page):
    from redress.retention.anonymising import anonymise

    anonymise(old_case, reason="Its retention period ended")
    client.force_login(officer)
    url = page.format(old_case.reference) if page.startswith("/") else f"/cases/{old_case.reference}/{page}"
    response = client.post(url, {"reason": "Asked again", "date": "15/06/2026"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/cases/{old_case.reference}/"
    assert f"{old_case.reference} cannot be changed: its personal details were removed" in response.content.decode()
    old_case.refresh_from_db()
    assert old_case.closed == dt.date(2019, 5, 1)
