"""People and allocation: the investigating officer is told of a case allocated to them, a
leaver's work is handed over in one step, and staff pickers tell people apart."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail

from redress.accounts import handover
from redress.accounts.models import User
from redress.accounts.pickers import ALLOCATABLE, StaffChoiceField
from redress.cases.models import CaseEvent, EventKind, Person
from redress.learning.forms import LearningActionForm
from redress.learning.models import LearningAction, Status
from redress.notifications.reminders import send_outbox
from redress.ombudsman.models import OmbudsmanCase, Recommendation, RemedyType
from redress.procedures.models import Procedure


def day(name: str, value: dt.date) -> dict:
    return {f"{name}_{part}": str(getattr(value, part)) for part in ("day", "month", "year")}


@pytest.fixture
def case(make_case):
    complainant = Person.objects.create(first_name="Petra", last_name="Pryce", email="petra@example.com")
    return make_case(summary="Carers did not arrive", complainant=complainant, triaged=True)


def allocate(client, by, case, officer):
    client.force_login(by)
    return client.post(
        f"/cases/{case.reference}/allocate/", {**day("date", dt.date(2026, 6, 15)), "officer": officer.pk}
    )


# Allocation email


def test_the_investigating_officer_is_emailed_a_link_when_a_case_is_allocated_to_them(
    client, settings, officer, investigator, case
):
    settings.SITE_URL = "https://redress.council.example"
    investigator.email = "ian@council.example"
    investigator.save()
    assert allocate(client, officer, case, investigator).status_code == 302
    case.refresh_from_db()
    assert case.investigating_officer == investigator and case.due

    send_outbox()
    [email] = mail.outbox
    assert email.to == ["ian@council.example"]
    assert email.subject == f"{case.reference}: allocated to you"
    assert f"{case.due:%A %-d %B %Y}" in email.body
    assert f"https://redress.council.example/cases/{case.reference}/" in email.body
    # Only what tells them which case it is: the rest they read once signed in.
    for private in ("Petra", "Pryce", "petra@example.com", "Carers"):
        assert private not in email.body and private not in email.subject


def test_no_email_for_a_case_someone_allocates_to_themselves(client, officer, case):
    officer.email = "olivia@council.example"
    officer.save()
    assert allocate(client, officer, case, officer).status_code == 302
    send_outbox()
    assert mail.outbox == []


# Staff pickers


def test_a_staff_picker_says_role_and_team_and_tells_two_people_with_the_same_name_apart(make_user):
    make_user("chloe.uttley", "manager", first_name="Chloe", last_name="Uttley", job_title="Head of Adult Services",
              email="chloe.uttley@northbridge.example")  # fmt: skip
    make_user("chloe.uttley1", "manager", first_name="Chloe", last_name="Uttley", job_title="Head of Adult Services",
              email="chloe.uttley1@northbridge.example")  # fmt: skip
    make_user("ian", "investigating_officer", first_name="Ian", last_name="Iqbal", job_title="Social worker")
    make_user("gone", "investigating_officer", first_name="Gerry", last_name="Gone", is_active=False)
    make_user("rory", "reporting", first_name="Rory", last_name="Reid")

    labels = [label for _, label in StaffChoiceField().offer(ALLOCATABLE).choices][1:]
    # Neither the account switched off nor read-only reporting can be allocated a case.
    assert labels == [
        "Chloe Uttley (Manager, Head of Adult Services) – chloe.uttley@northbridge.example",
        "Chloe Uttley (Manager, Head of Adult Services) – chloe.uttley1@northbridge.example",
        "Ian Iqbal (Investigating officer, Social worker)",
    ]


def test_the_allocation_page_offers_active_investigators_by_role_and_team(client, officer, make_user, case):
    make_user("sam", "investigating_officer", first_name="Sam", last_name="Singh", job_title="Social worker")
    make_user("gone", "investigating_officer", first_name="Gerry", last_name="Gone", is_active=False)
    client.force_login(officer)
    page = client.get(f"/cases/{case.reference}/allocate/").content.decode()
    assert "Sam Singh (Investigating officer, Social worker)" in page
    assert "Gerry Gone" not in page


def test_an_inactive_owner_already_chosen_stays_on_the_form_so_it_saves_unchanged(make_user, officer, case):
    gone = make_user("gone", "investigating_officer", first_name="Gerry", last_name="Gone")
    action = LearningAction.objects.create(
        case=case, what_will_change="Rotas checked weekly", level="team", kind="practice", owner=gone,
        due=dt.date(2026, 7, 1),
    )  # fmt: skip
    gone.is_active = False
    gone.save()
    form = LearningActionForm(instance=action)
    assert "Gerry Gone (Investigating officer, account switched off)" in str(form["owner"])
    data = {"what_will_change": action.what_will_change, "level": "team", "kind": "practice", "owner": gone.pk}
    form = LearningActionForm({**data, **day("due", action.due)}, instance=action)
    assert form.is_valid(), form.errors
    # A new action cannot be given to them.
    assert "Gerry Gone" not in str(LearningActionForm()["owner"])
    assert not LearningActionForm({**data, **day("due", action.due)}).is_valid()


# Hand over and deactivate


@pytest.fixture
def leaver(make_user):
    return make_user("lee", "investigating_officer", first_name="Lee", last_name="Leaving")


@pytest.fixture
def work(leaver, make_case):
    """Two open cases, one closed, an open and a completed learning action, an outstanding and a
    completed remedy."""
    open_cases = [make_case(investigating_officer=leaver, triaged=True) for _ in range(2)]
    closed = make_case(investigating_officer=leaver, closed=dt.date(2026, 5, 1))
    actions = [
        LearningAction.objects.create(
            case=open_cases[0],
            what_will_change=f"Change {n}",
            level="team",
            kind="practice",
            owner=leaver,
            due=dt.date(2026, 7, 1),
            status=status,
        )  # fmt: skip
        for n, status in enumerate([Status.PLANNED, Status.COMPLETED])
    ]
    ombudsman = OmbudsmanCase.objects.create(
        reference="26 000 001", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 4, 1)
    )
    remedies = [
        Recommendation.objects.create(case=ombudsman, kind=RemedyType.APOLOGY, owner=leaver, completed=completed)
        for completed in (None, dt.date(2026, 5, 1))
    ]
    return open_cases, closed, actions, remedies


def test_an_administrator_hands_over_a_leavers_open_work_and_switches_off_the_account(
    client, administrator, leaver, work, make_user
):
    open_cases, closed, actions, remedies = work
    sam = make_user("sam", "investigating_officer", first_name="Sam", last_name="Singh", email="sam@council.example")
    client.force_login(administrator)
    edit = client.get(f"/account/staff/{leaver.pk}/").content.decode()
    assert f"/account/staff/{leaver.pk}/hand-over/" in edit and "Hand over and deactivate" in edit

    url = f"/account/staff/{leaver.pk}/hand-over/"
    page = client.get(url).content.decode()
    assert "Sam Singh (Investigating officer)" in page
    confirm = client.post(url, {"receiver": sam.pk}).content.decode()
    assert "Hand over Lee Leaving's work to Sam Singh?" in confirm
    assert "2 open cases" in confirm and "1 open learning action<" in confirm and "1 Ombudsman remedy " in confirm
    leaver.refresh_from_db()
    assert leaver.is_active  # nothing changes before it is confirmed

    response = client.post(url, {"receiver": sam.pk, "confirmed": "True"})
    assert response.status_code == 302 and response.url == "/account/staff/"
    leaver.refresh_from_db()
    assert not leaver.is_active and leaver.sessions_ended_at
    for case in open_cases:
        case.refresh_from_db()
        assert case.investigating_officer == sam
        event = case.events.get(kind=EventKind.ALLOCATED)
        assert event.by == administrator and event.reason == "Sam Singh. Reallocated from Lee Leaving"
    closed.refresh_from_db()
    assert closed.investigating_officer == leaver
    assert [LearningAction.objects.get(pk=a.pk).owner for a in actions] == [sam, leaver]
    assert [Recommendation.objects.get(pk=r.pk).owner for r in remedies] == [sam, leaver]
    changes = [e.changes_dict for e in LogEntry.objects.get_for_object(leaver)]
    assert {"is_active": [True, False]} in changes
    assert {"work_handed_over_to": ["", "sam: 2 open cases, 1 learning action, 1 remedy"]} in changes

    send_outbox()
    [email] = mail.outbox  # one email for the lot, rather than one for each case
    assert email.to == ["sam@council.example"] and "2 open cases, 1 learning action, 1 remedy" in email.body


def test_the_leaver_is_signed_out_at_their_next_request(client, administrator, leaver, work, make_user):
    sam = make_user("sam", "investigating_officer")
    client.force_login(leaver)
    handover.hand_over(leaver, sam, by=administrator)
    response = client.get("/cases/")
    assert response.status_code == 302 and response.url.startswith("/account/sign-in/")


def test_open_cases_go_only_to_someone_who_can_investigate_them(client, administrator, leaver, work, link_officer):
    client.force_login(administrator)
    url = f"/account/staff/{leaver.pk}/hand-over/"
    assert "Lena Lowe" not in client.get(url).content.decode()
    page = client.post(url, {"receiver": link_officer.pk, "confirmed": "True"}).content.decode()
    assert "Select who will take on their work from the list" in page
    leaver.refresh_from_db()
    assert leaver.is_active
    with pytest.raises(Exception, match="cannot investigate complaints"):
        handover.hand_over(leaver, link_officer, by=administrator)
    assert not CaseEvent.objects.filter(kind=EventKind.ALLOCATED).exists()


def test_stage_2_of_a_corporate_complaint_does_not_go_back_to_its_stage_1_handler(
    administrator, leaver, make_case, make_user
):
    first = make_user("fay", "investigating_officer", first_name="Fay", last_name="First")
    case = make_case(procedure="corporate", investigating_officer=leaver, stage1_handler=first, stage=2,
                     stage1_response=dt.date(2026, 4, 1), stage2_requested=dt.date(2026, 4, 10))  # fmt: skip
    with pytest.raises(Exception, match=f"Fay First handled stage 1 of {case.reference}"):
        handover.hand_over(leaver, first, by=administrator)
    leaver.refresh_from_db()
    assert leaver.is_active


def test_someone_with_only_learning_actions_may_hand_them_to_a_link_officer(
    administrator, leaver, make_case, link_officer
):
    LearningAction.objects.create(
        case=make_case(), what_will_change="Leaflet", level="team", kind="information", owner=leaver,
        due=dt.date(2026, 7, 1),
    )  # fmt: skip
    assert handover.hand_over(leaver, link_officer, by=administrator) == {
        "cases": 0,
        "learning_actions": 1,
        "remedies": 0,
    }


def test_an_administrator_cannot_hand_over_and_switch_off_their_own_account(client, administrator):
    client.force_login(administrator)
    response = client.get(f"/account/staff/{administrator.pk}/hand-over/")
    assert response.status_code == 302
    assert User.objects.get(pk=administrator.pk).is_active
