"""Tasks on a case: who may add them, to whom, and where the person sees them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from redress.audit.readable import readable
from redress.audit.trail import history_for_case
from redress.tasks.models import Task

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)  # the frozen clock's Monday


def task(case, person, due=TODAY, what="Ring the care agency for the visit logs", **fields):
    return Task.objects.create(case=case, assigned_to=person, due=due, what=what, **fields)


def add(client, case, person, due=TODAY + dt.timedelta(days=3), what="Ask the provider for the rota"):
    return client.post(
        f"/cases/{case.reference}/tasks/add/",
        {"what": what, "due_day": due.day, "due_month": due.month, "due_year": due.year, "assigned_to": person.pk},
    )


def test_a_task_cannot_be_assigned_to_someone_who_cannot_open_the_case(case, other_case, investigator, reporter):
    for wrong in (Task(case=other_case, assigned_to=investigator), Task(case=case, assigned_to=reporter)):
        wrong.what, wrong.due = "Chase the reply", TODAY
        with pytest.raises(ValidationError) as error:
            wrong.full_clean()
        assert error.value.message_dict["assigned_to"] == [
            f"{wrong.assigned_to} cannot open {wrong.case.reference}: choose someone who can"
        ]
    Task(case=case, assigned_to=investigator, what="Chase the reply", due=TODAY).full_clean()


def test_marking_a_task_done_records_who_and_when_on_the_case_trail(case, investigator, officer):
    chase = task(case, investigator)
    chase.mark_done(officer)
    chase.refresh_from_db()
    assert chase.done_by == officer and chase.done.date() == TODAY
    chase.mark_done(investigator)  # done once: the first person stays
    assert Task.objects.get().done_by == officer
    trail = readable(history_for_case(case), case)
    assert [e.what for e in trail[:2]] == [
        "Task changed: Ring the care agency for the visit logs",
        "Task added: Ring the care agency for the visit logs",
    ]


@pytest.mark.parametrize("who", ["officer", "investigator", "manager", "link_officer", "administrator"])
def test_anyone_who_can_open_the_case_adds_a_task_from_its_page(client, case, who, request, investigator):
    person = request.getfixturevalue(who)
    client.force_login(person)
    page = client.get(case.get_absolute_url())
    assert f'href="/cases/{case.reference}/tasks/add/"' in page.content.decode()
    response = add(client, case, investigator)
    assert response.status_code == 302 and response.url == f"{case.get_absolute_url()}#tasks"
    made = Task.objects.get()
    assert (made.assigned_to, made.created_by, made.due) == (investigator, person, TODAY + dt.timedelta(days=3))
    assert "Ask the provider for the rota" in client.get(case.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["investigator", "manager", "reporter"])
def test_nobody_adds_a_task_to_a_case_they_cannot_open(client, other_case, who, request):
    person = request.getfixturevalue(who)
    client.force_login(person)
    assert client.get(f"/cases/{other_case.reference}/tasks/add/").status_code == 404
    assert add(client, other_case, person).status_code == 404
    assert not Task.objects.exists()


def test_the_list_of_people_is_only_those_who_can_open_the_case(client, case, officer, make_user, reporter):
    stranger = make_user("sam", "investigating_officer", first_name="Sam", last_name="Stranger")
    client.force_login(officer)
    page = client.get(f"/cases/{case.reference}/tasks/add/").content.decode()
    assert "Ian Iqbal (Investigating officer)" in page and "Mina Marsh (Manager)" in page
    assert "Olivia Okafor (Complaints officer)" in page
    assert "Sam Stranger" not in page and "Rory Reid" not in page
    response = add(client, case, stranger)
    assert response.status_code == 200 and "Choose someone who can open this case" in response.content.decode()
    assert not Task.objects.exists()


def test_a_task_cannot_be_due_in_the_past(client, case, officer):
    client.force_login(officer)
    response = add(client, case, officer, due=TODAY - dt.timedelta(days=1))
    assert "Due date must be today or in the future" in response.content.decode()
    assert not Task.objects.exists()


def test_a_task_on_an_anonymised_case_cannot_be_added_or_done(client, case, officer):
    from redress.retention.models import Anonymisation

    open_task = task(case, officer)
    Anonymisation.objects.create(case=case, reason="Its retention period ended")
    client.force_login(officer)
    assert client.get(f"/cases/{case.reference}/tasks/add/").url == case.get_absolute_url()
    client.post(f"/tasks/{open_task.pk}/done/")
    assert Task.objects.get().done is None
    assert "Add a task" not in client.get(case.get_absolute_url()).content.decode()
    assert list(Task.objects.for_person(officer)) == []  # nothing left to do on it


def test_my_tasks_lists_overdue_first_then_today_then_later(client, case, investigator, officer):
    task(case, investigator, due=TODAY + dt.timedelta(days=20), what="Draft the response")
    task(case, investigator, due=TODAY, what="Ring the complainant")
    task(case, investigator, due=TODAY - dt.timedelta(days=2), what="Chase the provider")
    task(case, officer, due=TODAY, what="Someone else's task")
    task(case, investigator, due=TODAY - dt.timedelta(days=5), what="Finished", done_by=officer, done=timezone.now())
    client.force_login(investigator)
    page = client.get("/tasks/").content.decode()
    positions = [page.index(words) for words in ("Overdue", "Chase the provider", "Due today", "Ring the complainant")]
    assert positions == sorted(positions)
    assert page.index("Ring the complainant") < page.index("Due later") < page.index("Draft the response")
    assert page.count("govuk-tag--red") == 1
    assert "Someone else" not in page and "Finished" not in page


def test_a_task_leaves_the_list_of_someone_who_can_no_longer_open_its_case(client, case, investigator, make_user):
    task(case, investigator, what="Visit the home")
    case.investigating_officer = make_user("iris", "investigating_officer")
    case.save()
    client.force_login(investigator)
    page = client.get("/tasks/").content.decode()
    assert "Visit the home" not in page and case.reference not in page


def test_the_dashboard_shows_my_open_tasks_due_within_a_week(client, case, investigator):
    task(case, investigator, due=TODAY + dt.timedelta(days=7), what="Send the holding letter")
    task(case, investigator, due=TODAY + dt.timedelta(days=8), what="Draft the response")
    client.force_login(investigator)
    page = client.get("/dashboard/").content.decode()
    assert "My tasks" in page and "Send the holding letter" in page
    assert "Draft the response" not in page and "(1 more due later)" in page


def test_marking_done_from_my_tasks_comes_back_to_my_tasks(client, case, investigator):
    chase = task(case, investigator)
    client.force_login(investigator)
    response = client.post(f"/tasks/{chase.pk}/done/", {"next": "/tasks/"})
    assert response.url == "/tasks/"
    assert "You have no open tasks" in client.get("/tasks/").content.decode()
    for elsewhere in ("https://elsewhere.example/", "//elsewhere.example/", "cases:list"):
        response = client.post(f"/tasks/{chase.pk}/done/", {"next": elsewhere})
        assert response.url == f"{case.get_absolute_url()}#tasks"


def test_nobody_marks_done_a_task_on_a_case_they_cannot_open(client, other_case, officer, investigator):
    chase = task(other_case, officer)
    client.force_login(investigator)
    assert client.post(f"/tasks/{chase.pk}/done/").status_code == 404
    assert Task.objects.get().done is None
