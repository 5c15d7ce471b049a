"""The demonstration council that `make run` loads, and its sign-ins."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models, transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.cases import workflow
from redress.cases.models import Concern, Finding, Kind, Outcome, Person, ReferenceCounter, Representation
from redress.configuration.models import Council, ServiceArea
from redress.demo.generate import PASSWORD, financial_years, is_loaded, load, sign_ins
from redress.ombudsman.models import OmbudsmanCase
from redress.procedures.calendar import WorkingDayCalendar
from redress.tests.council import restore_council_defaults

# The last day of a financial year, so that three whole years are loaded.
TODAY = dt.date(2026, 3, 31)
FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client, username, password):
    return client.post("/account/sign-in/", {"username": username, "password": password})


def load_command(**options) -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out, **options)
    return out.getvalue()


def test_it_refuses_to_run_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load_command()
    assert not is_loaded() and not User.objects.filter(username="admin").exists()


def test_the_command_loads_up_to_today_and_prints_the_sign_ins(db):
    output = load_command(force=True)
    assert "Loaded the demonstration council" in output
    assert "http://127.0.0.1:8000/" in output and PASSWORD in output
    today = timezone.localdate()
    assert not Representation.objects.filter(received__gt=today).exists()
    assert Representation.objects.filter(received__gte=financial_years(today)[0][0]).count() > 500


def test_the_current_financial_year_runs_from_1_april_to_today():
    assert financial_years(dt.date(2026, 11, 22)) == [
        (dt.date(2024, 4, 1), dt.date(2025, 3, 31)),
        (dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 11, 22)),
    ]
    assert financial_years(dt.date(2026, 2, 1))[-1] == (dt.date(2025, 4, 1), dt.date(2026, 2, 1))


@pytest.mark.django_db
def test_the_published_demo_password_cannot_be_anyones_real_password():
    # The loader gives it to the demo accounts directly; no one can choose it (or one containing it).
    for password in (PASSWORD, f"my {PASSWORD} too"):
        with pytest.raises(ValidationError, match="demonstration password"):
            validate_password(password, User(username="sam"))


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the class, on TODAY, and rolled back after it; each test runs in a savepoint."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST), transaction.atomic():
        # The unit tests' fixed clock starts with each test, after this class-wide load.
        with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC)):
            # A transactional test earlier on this worker may have emptied the database.
            restore_council_defaults()
            volumes = load(TODAY)
        yield volumes
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo", "db")
class TestDemoCouncil:
    def test_each_year_has_the_expected_volumes(self, demo):
        expected = {
            "adult": (42, 58),
            "children": (34, 46),
            "corporate": (10, 16),
            "ineligible": (1, 6),
            Kind.COMPLIMENT: (260, 340),
            Kind.COMMENT: (15, 25),
            Kind.ENQUIRY: (35, 55),
            Kind.SERVICE_REQUEST: (24, 36),
        }
        for start, end in financial_years(TODAY):
            year = Representation.objects.received_between(start, end)
            complaints = year.complaints().filter(ineligible=False)
            counts = {
                code: complaints.filter(procedure__code=code).count() for code in ("adult", "children", "corporate")
            }
            counts["ineligible"] = year.filter(ineligible=True).count()
            counts |= {kind: year.filter(kind=kind).count() for kind in Kind.values if kind != Kind.COMPLAINT}
            for what, (low, high) in expected.items():
                assert low <= counts[what] <= high, (start, what, counts[what])
            label = f"{start.year}/{str(start.year + 1)[-2:]}"
            assert demo["Adult social care complaints"][label] == counts["adult"]
            assert demo["Compliments"][label] == counts[Kind.COMPLIMENT]
        totals = Representation.objects.complaints().filter(ineligible=False).values("procedure__code")
        totals = {row["procedure__code"]: row["n"] for row in totals.annotate(n=models.Count("pk"))}
        assert 130 <= totals["adult"] <= 170 and 105 <= totals["children"] <= 135 and 32 <= totals["corporate"] <= 48

    def test_compliments_count_in_the_report_of_their_directorate(self):
        directorates = ServiceArea.objects.filter(parent__isnull=True).select_related("default_procedure")
        assert {area.name: area.default_procedure.code for area in directorates} == {
            "Adult Services": "adult",
            "Children's Services": "children",
            "Resources": "corporate",
            "Environment": "corporate",
            "Housing": "corporate",
        }
        others = Representation.objects.exclude(kind=Kind.COMPLAINT)
        assert not others.filter(procedure__isnull=True).exists()
        adult = others.filter(kind=Kind.COMPLIMENT, procedure__code="adult")
        assert adult.count() > 100
        assert not adult.exclude(service_area__path__startswith="Adult Services").exists()
        for team in ("Environment > Waste Services", "Resources > Council Tax"):
            compliments = others.filter(kind=Kind.COMPLIMENT, service_area__path=team)
            assert compliments.exists() and set(compliments.values_list("procedure__code", flat=True)) == {"corporate"}

    def test_no_date_is_after_today(self):
        deadlines = {"acknowledgement_due", "due", "stage_started"}  # worked out, and may be ahead
        for model in (Representation, Person, OmbudsmanCase):
            for field in model._meta.get_fields():
                if field.name in deadlines:
                    continue
                if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                    assert not model.objects.filter(**{f"{field.name}__gt": TODAY}).exists(), field
        assert not Representation.objects.filter(created__gt=timezone.now()).exists()

    def test_open_complaints_have_their_deadlines(self):
        open_cases = Representation.objects.in_progress()
        assert open_cases.exists()
        # Every stage that is acknowledged has its acknowledgement date (statutory stages 2 and 3 are not).
        for case in open_cases.select_related("procedure").prefetch_related("procedure__stages"):
            assert bool(case.acknowledgement_due) == workflow.needs_acknowledgement(case), case
        assert not open_cases.filter(due__isnull=True, stage1_response__isnull=True).exists()

    def test_findings_agree_with_the_outcome(self):
        closed = Representation.objects.complaints().closed().exclude(outcome=Outcome.WITHDRAWN)
        assert closed.filter(ineligible=False).count() > 250
        for case in closed.filter(ineligible=False).prefetch_related("concerns"):
            findings = {c.finding for c in case.concerns.all()}
            assert findings and "" not in findings, case
            if case.outcome == Outcome.UPHELD:
                assert Finding.UPHELD in findings and Finding.NOT_UPHELD not in findings, case
            elif case.outcome == Outcome.NOT_UPHELD:
                assert findings == {Finding.NOT_UPHELD}, case
            else:
                assert findings - {Finding.UPHELD} and findings - {Finding.NOT_UPHELD}, case
        unfinished = Q(representation__closed__isnull=True) | Q(representation__outcome=Outcome.WITHDRAWN)
        assert not Concern.objects.filter(unfinished).exclude(finding="").exists()
        assert 1 <= Concern.objects.values("representation").annotate(n=models.Count("pk")).order_by("-n")[0]["n"] <= 3

    def test_every_role_signs_in_with_the_printed_password(self, client):
        output = load_command(force=True)
        rows = sign_ins()
        assert {role for role, *_ in rows} == set(Role.labels)
        for role, username, password, _ in rows:
            assert re.search(rf"{re.escape(role)}\s+{username}\s+{password}", output)
            # The password is right, and the first sign-in goes on to setting up the authenticator app.
            response = sign_in(client, username, password)
            assert response.status_code == 302 and response.url == "/account/sign-in/set-up/", username
            client.logout()

    def test_loading_again_adds_nothing(self):
        models_loaded = (Representation, Person, Concern, User, ServiceArea, ReferenceCounter, OmbudsmanCase)
        before = {model: model.objects.count() for model in models_loaded}
        assert load(TODAY) == {}
        assert "already loaded; nothing added" in load_command(force=True)
        assert {model: model.objects.count() for model in models_loaded} == before

    def test_a_case_recorded_afterwards_continues_the_reference_sequence(self):
        council = Council.current()
        for counter in ReferenceCounter.objects.all():
            used = Representation.objects.filter(reference__startswith=f"{counter.prefix}-{counter.year}-")
            assert used.count() == counter.last_number
            assert used.filter(
                reference=council.format_reference(counter.prefix, counter.year, counter.last_number)
            ).exists()
        last = ReferenceCounter.objects.get(prefix="ASC", year=TODAY.year).last_number
        case = Representation.objects.create(
            kind=Kind.COMPLAINT,
            procedure=Representation.objects.filter(procedure__code="adult")[0].procedure,
            received=TODAY,
        )
        assert case.reference == f"ASC-{TODAY.year}-{last + 1:05d}"

    def test_each_member_of_staff_sees_their_own_cases(self):
        users = {u.username: u for u in User.objects.all()}
        investigator = Representation.objects.visible_to(users["investigator"])
        assert investigator.open().exists() and investigator.closed().exists()
        assert set(investigator.values_list("procedure__code", flat=True)) == {"adult"}
        assert set(Representation.objects.visible_to(users["investigator2"]).values_list("stage", flat=True)) >= {1, 2}
        director = Representation.objects.visible_to(users["manager"])
        assert director.filter(service_area__path__startswith="Adult Services > ").count() > 100
        team = ServiceArea.objects.get(path="Adult Services > Mental Health").manager
        assert set(Representation.objects.visible_to(team).values_list("service_area__path", flat=True)) == {
            "Adult Services > Mental Health"
        }
        assert not Representation.objects.visible_to(users["reporting"]).exists()

    def test_stages_timescales_remedies_and_equality_vary_as_in_a_real_council(self):
        complaints = Representation.objects.complaints().filter(ineligible=False)
        children = complaints.filter(procedure__code="children")
        assert children.filter(stage=2).count() >= 3 and 1 <= children.filter(stage=3).count() <= 2
        assert 1 <= complaints.filter(procedure__code="corporate", stage=2).count() <= 2
        assert children.filter(child_or_young_person=True, advocate=True).exists()
        assert complaints.open().count() >= 5
        calendar = WorkingDayCalendar()
        acknowledged = complaints.filter(procedure__code="adult").exclude(acknowledged=None)
        late = [c for c in acknowledged if calendar.working_days(c.received, c.acknowledged) > 3]
        assert 0 < len(late) < acknowledged.count() / 4
        assert complaints.exclude(extended_to=None).count() >= 10
        assert complaints.exclude(remedy_amount=None).count() >= 5 and complaints.filter(provider_fault=True).exists()
        for field, prefer_not in (("su_sex", "prefer_not_to_say"), ("su_disability", "prefer_not_to_say")):
            assert complaints.filter(**{field: ""}).exists() and complaints.filter(**{field: prefer_not}).exists()
        assert complaints.filter(su_ethnicity=None).exists() and complaints.filter(su_age=None).exists()
        assert Representation.objects.filter(kind=Kind.COMPLIMENT, themes__isnull=False).exists()
        assert Representation.objects.filter(ineligible=True).exclude(redirected_to="").exists()
