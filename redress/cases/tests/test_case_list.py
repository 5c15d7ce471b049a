"""Finding cases: the list's columns, search by contact details, the spreadsheet download, and
the case page and dashboard agreeing on what waits for triage and acknowledgement."""

import datetime as dt
import io
import re

import pytest
from auditlog.models import LogEntry
from openpyxl import load_workbook

from redress.cases import workflow
from redress.cases.models import Kind, Person, Representation
from redress.cases.queues import queue

from .test_record import date_fields


@pytest.fixture
def people_cases(make_case, area):
    """Two complaints: one made by Ms Hartley herself, one by a son about his mother."""
    hartley = Person.objects.create(
        first_name="June",
        last_name="Hartley",
        email="june.hartley@example.org",
        phone="07700 900123",
        postcode="LS1 4AP",
    )
    son = Person.objects.create(first_name="Sam", last_name="Price", phone="+44 (0)113 496 0000")
    mother = Person.objects.create(first_name="Ada", last_name="Price", postcode="bd7 1dp")
    return [
        make_case(complainant=hartley, service_user=hartley, service_area=area("Adult Services")),
        make_case(complainant=son, service_user=mother, received=dt.date(2026, 4, 1)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("june.hartley@example.org", [0]),
        ("HARTLEY@EXAMPLE", [0]),
        ("07700900123", [0]),
        ("+44 7700 900123", [0]),
        ("0113 4960000", [1]),
        ("ls14ap", [0]),
        ("LS1 4AP", [0]),
        ("BD7 1DP", [1]),  # the mother's postcode: the person the case is about
        ("bd7", [1]),
        ("Price", [1]),
        ("7700 900999", []),
        ("LS2 4AP", []),
    ],
)
def test_officer_finds_a_case_by_email_phone_or_postcode(client, officer, people_cases, text, expected):
    client.force_login(officer)
    page = client.get("/cases/", {"q": text}).content.decode()
    found = [i for i, case in enumerate(people_cases) if f">{case.reference}</a>" in page]
    assert found == expected


def test_search_still_finds_by_reference(people_cases):
    found = Representation.objects.search(people_cases[1].reference.lower())
    assert list(found) == [people_cases[1]]


def test_the_list_shows_due_date_timeliness_stage_and_officer(client, officer, investigator, make_case):
    overdue = make_case(investigating_officer=investigator)
    workflow.recompute_cases(Representation.objects.filter(pk=overdue.pk))
    overdue.refresh_from_db()
    assert overdue.due < dt.date(2026, 6, 15)  # received in March, clock frozen in June
    client.force_login(officer)
    page = client.get("/cases/").content.decode()
    row = re.search(rf"<tr[^>]*>\s*<th[^>]*>.*?{overdue.reference}.*?</tr>", page, re.S)[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
    assert f"{overdue.due:%-d %b %Y} Overdue" in text
    assert "Ian Iqbal" in text
    assert re.search(r'data-label="Stage">1<', row)


def test_download_is_the_filtered_list_as_a_spreadsheet(client, officer, people_cases, make_case):
    sneaky = Person.objects.create(first_name='=HYPERLINK("http://x")', last_name="Smith", postcode="LS1 4AP")
    make_case(complainant=sneaky, received=dt.date(2026, 5, 1))
    make_case(kind=Kind.COMPLIMENT, procedure=None)
    client.force_login(officer)
    response = client.get("/cases/download/", {"q": "LS1 4AP", "sort": "received-oldest"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cases-2026-06-15.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headings = rows[0]
    for heading in ("Reference", "Received", "Stage", "Response due", "Investigating officer", "Complainant"):
        assert heading in headings
    references = [row[0] for row in rows[1:]]
    assert references == [people_cases[0].reference, Representation.objects.get(complainant=sneaky).reference]
    # The name that looks like a formula is text, not a formula.
    cell = sheet.cell(row=3, column=headings.index("Complainant") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK") and cell.quotePrefix
    received = sheet.cell(row=2, column=headings.index("Received") + 1).value
    assert received.date() == people_cases[0].received
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, actor=officer)
    assert entry.additional_data["cases"] == references
    assert "LS1+4AP" in entry.additional_data["filters"]


def test_download_keeps_to_the_cases_the_person_may_see(client, investigator, make_case):
    mine = make_case(investigating_officer=investigator)
    make_case()
    client.force_login(investigator)
    sheet = load_workbook(io.BytesIO(client.get("/cases/download/").content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [mine.reference]


def test_download_with_bad_filters_goes_back_to_the_list_to_say_why(client, officer):
    client.force_login(officer)
    response = client.get("/cases/download/", {"received_from_day": "31", "received_from_month": "2"})
    assert response.status_code == 302 and response["Location"].startswith("/cases/?")
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


@pytest.mark.parametrize("kind", [Kind.COMPLIMENT, Kind.COMMENT])
def test_a_compliment_or_comment_recorded_by_staff_needs_no_triage(client, officer, area, kind):
    client.force_login(officer)
    response = client.post(
        f"/cases/new/{kind}/",
        {**date_fields("received", dt.date(2026, 5, 11)), "service_area": area("Adult Services").pk, "summary": "Ta"},
    )
    assert response.status_code == 302
    case = Representation.objects.get()
    assert case.triaged and case.events.get().get_kind_display() == "Triaged"
    page = client.get(case.get_absolute_url()).content.decode()
    assert f"/cases/{case.reference}/triage/" not in page


def _acknowledgement_row(page: str) -> str:
    row = re.search(r"Acknowledgement</dt><dd[^>]*>(.*?)</dd>", page, re.S)
    return row[1].strip() if row else ""


def test_the_case_page_and_the_dashboard_agree_on_what_waits_for_acknowledgement(client, officer, make_case):
    untriaged = make_case()
    acknowledged = make_case(acknowledged=dt.date(2026, 3, 3))
    closed = make_case(closed=dt.date(2026, 3, 20), outcome="withdrawn")
    ineligible = make_case(procedure=None, ineligible=True)
    later_stage = make_case(
        procedure="corporate",
        stage=2,
        stage1_response=dt.date(2026, 3, 10),
        stage2_requested=dt.date(2026, 6, 10),
        acknowledged=dt.date(2026, 3, 3),
    )
    cases = [untriaged, acknowledged, closed, ineligible, later_stage]
    workflow.recompute_cases(Representation.objects.all())
    client.force_login(officer)
    waiting = set(queue(Representation.objects.visible_to(officer), "awaiting-acknowledgement"))
    due = {
        case
        for case in cases
        if _acknowledgement_row(client.get(case.get_absolute_url()).content.decode()).startswith("Due by")
    }
    assert due == waiting == {untriaged, later_stage}
    assert _acknowledgement_row(client.get(closed.get_absolute_url()).content.decode()) == "Not needed"
    dashboard = client.get("/dashboard/").content.decode()
    assert re.search(r'queue=awaiting-acknowledgement">2<', dashboard)
