"""The dashboard's work queue counts, for each person and each of their panels, are the lengths
of the case lists they link to; and the open complaints by stage are those lists' stages."""

import datetime as dt
import re

import pytest

from redress.cases.models import Kind
from redress.intake.models import Submission

D = dt.date  # today is 15 June 2026 (the root conftest), a Monday: this week runs to the 21st


@pytest.fixture
def cases(make_case, area, officer, investigator, manager):
    """One case for each way into (and out of) a queue, in a managed area and an unmanaged one."""
    adult = area("Adult Services > Mental Health")
    area("Adult Services", manager=manager)
    children = area("Children's Services > Fostering")
    done = {"triaged": True, "acknowledgement_due": D(2026, 5, 4), "stage_acknowledged": D(2026, 5, 4)}
    made = {
        "overdue": make_case(service_area=adult, investigating_officer=investigator, due=D(2026, 6, 1), **done),
        "due this week": make_case(procedure="children", service_area=children, due=D(2026, 6, 18), **done),
        "paused": make_case(
            service_area=adult, investigating_officer=manager, due=D(2026, 6, 1), paused_since=D(2026, 6, 10), **done
        ),
        "to acknowledge and triage": make_case(
            service_area=adult, stage=2, acknowledgement_due=D(2026, 6, 17), due=D(2026, 7, 30)
        ),
        "stage 3": make_case(
            procedure="children", service_area=children, investigating_officer=investigator, stage=3, **done
        ),
        "closed": make_case(service_area=adult, closed=D(2026, 5, 1), outcome="upheld", due=D(2026, 5, 1)),
        "ineligible": make_case(procedure=None, ineligible=True, service_area=adult),
        "sent online": make_case(kind=Kind.COMPLIMENT, procedure=None, service_area=adult),
        "compliment": make_case(kind=Kind.COMPLIMENT, procedure=None, service_area=children),
    }
    Submission.objects.create(case=made["sent online"])
    return made


def _counts(page: str) -> dict[tuple[str, str], int]:
    """(queue, scope) for each number on the dashboard, and the number."""
    links = re.findall(r'href="/cases/\?queue=([\w-]+)(?:&amp;scope=(\w+))?">(\d+)<', page)
    return {(queue, scope): int(n) for queue, scope, n in links}


def _listed(client, queue: str, scope: str, cases: dict) -> set[str]:
    page = client.get("/cases/", {"queue": queue, "scope": scope}).content.decode()
    return {name for name, case in cases.items() if f'href="{case.get_absolute_url()}"' in page}


@pytest.mark.parametrize(
    "who, panels",
    [("officer", {"mine", ""}), ("manager", {"mine", "team", ""}), ("investigator", {"mine"})],
)
def test_each_count_on_the_dashboard_is_the_length_of_the_list_it_links_to(client, cases, request, who, panels):
    client.force_login(request.getfixturevalue(who))
    counts = _counts(client.get("/dashboard/").content.decode())
    assert {scope for _, scope in counts} == panels
    assert len(counts) == 7 * len(panels)
    for (queue, scope), count in counts.items():
        assert count == len(_listed(client, queue, scope, cases)), (queue, scope)


def test_the_whole_service_counts_each_case_in_the_queues_it_is_waiting_in(client, officer, cases):
    client.force_login(officer)
    page = client.get("/dashboard/").content.decode()
    whole = {queue: n for (queue, scope), n in _counts(page).items() if scope == ""}
    assert whole == {
        "overdue": 1,
        "due-this-week": 1,
        "awaiting-triage": 2,  # the complaint not yet triaged, and the compliment sent online
        "awaiting-acknowledgement": 1,
        "awaiting-allocation": 2,
        "paused": 1,
        "in-progress": 5,
    }
    assert "Open by stage: stage 1: 3; stage 2: 1; stage 3: 1." in page


def test_a_manager_sees_their_areas_and_their_own_cases_and_no_others(client, manager, cases):
    client.force_login(manager)
    counts = _counts(client.get("/dashboard/").content.decode())
    assert counts["in-progress", "mine"] == 1  # the paused case, allocated to the manager
    assert counts["in-progress", "team"] == 3  # the adult complaints still open
    assert counts["in-progress", ""] == 3
    assert counts["awaiting-triage", "team"] == 2


def test_an_investigating_officer_sees_the_stages_of_their_own_cases(client, investigator, cases):
    client.force_login(investigator)
    page = client.get("/dashboard/").content.decode()
    assert _counts(page)["in-progress", "mine"] == 2
    assert "Open by stage: stage 1: 1; stage 3: 1." in page
