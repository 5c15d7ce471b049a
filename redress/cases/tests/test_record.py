"""Recording, editing and finding representations through the staff screens."""

import datetime as dt

import pytest

from redress.cases.models import Concern, Kind, Representation
from redress.configuration.models import Lookup, LookupList


def lookup(list_name, label):
    return Lookup.objects.get(list_name=list_name, label=label).pk


def date_fields(prefix, day: dt.date):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def concern_rows(*rows, initial=0):
    data = {
        "concerns-TOTAL_FORMS": max(3, len(rows)),
        "concerns-INITIAL_FORMS": initial,
        "concerns-MIN_NUM_FORMS": 0,
        "concerns-MAX_NUM_FORMS": 1000,
    }
    for i, (topic, description) in enumerate(rows):
        data[f"concerns-{i}-topic"] = topic
        data[f"concerns-{i}-description"] = description
    return data


@pytest.fixture
def daughter_for_father(area):
    """A complaint made by a daughter on behalf of her father, with two concerns."""
    older_people = area("Adult Services > Older People Team")
    delay = Lookup.objects.get(label="Delay in receiving service")
    attitude = Lookup.objects.get(label="Attitude of staff")
    return {
        "route": "adult",
        **date_fields("received", dt.date(2026, 3, 2)),
        **date_fields("acknowledged", dt.date(2026, 3, 4)),
        "method": lookup(LookupList.METHOD, "Email"),
        "service_area": older_people.pk,
        "complainant-first_name": "Priya",
        "complainant-last_name": "Hartley",
        "complainant-email": "priya@example.com",
        "same_person": "no",
        "relationship": lookup(LookupList.RELATIONSHIP, "Son/Daughter"),
        "consent": "given",
        "service_user-first_name": "George",
        "service_user-last_name": "Hartley",
        **date_fields("service_user-date_of_birth", dt.date(1941, 7, 15)),
        "su_sex": "male",
        "su_disability": "yes",
        "summary": "Her father waited eleven weeks for a care package.",
        "stage": 1,
        **concern_rows(
            (delay.pk, "Eleven weeks' wait for home care"),
            (attitude.pk, "Social worker was dismissive on the phone"),
        ),
    }


def test_officer_records_a_complaint_made_by_a_daughter_for_her_father(client, officer, daughter_for_father):
    client.force_login(officer)
    response = client.post("/cases/new/complaint/", daughter_for_father)

    case = Representation.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert case.reference == "ASC-2026-00001"
    assert case.kind == Kind.COMPLAINT and case.procedure.code == "adult"
    assert case.complainant.last_name == "Hartley" and case.service_user.first_name == "George"
    assert case.for_someone_else and case.relationship.label == "Son/Daughter"
    assert case.su_age == 84  # worked out from the date of birth on the day received
    assert [str(c) for c in case.concerns.all()] == [
        "Standard of Service > Delay in receiving service",
        "Communication > Attitude of staff",
    ]
    page = client.get(response.url).content.decode()
    assert "George Hartley" in page and "Eleven weeks" in page


def test_complaint_for_themselves_has_one_person(client, officer, daughter_for_father):
    data = {k: v for k, v in daughter_for_father.items() if not k.startswith("service_user-")}
    data.update(same_person="yes", relationship=lookup(LookupList.RELATIONSHIP, "Service user"))
    client.force_login(officer)
    client.post("/cases/new/complaint/", data)
    case = Representation.objects.get()
    assert case.complainant_id == case.service_user_id and not case.for_someone_else


def test_a_missing_or_impossible_date_is_explained_and_nothing_is_saved(client, officer, daughter_for_father):
    data = {**daughter_for_father, "received_day": 31, "received_month": 2}
    client.force_login(officer)
    response = client.post("/cases/new/complaint/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date received must be a real date" in page
    assert 'value="Priya"' in page  # what was typed is still there
    assert not Representation.objects.exists()


def test_an_ineligible_complaint_needs_its_redirection(client, officer, daughter_for_father):
    client.force_login(officer)
    page = client.post("/cases/new/complaint/", {**daughter_for_father, "route": "ineligible"}).content.decode()
    assert "Select where the complaint was redirected to" in page
    client.post(
        "/cases/new/complaint/",
        {**daughter_for_father, "route": "ineligible", "redirected_to": "safeguarding"},
    )
    case = Representation.objects.get()
    assert case.ineligible and case.procedure is None and case.reference.startswith("INE-2026-")


def test_a_concern_with_a_description_but_no_category_is_refused(client, officer, daughter_for_father):
    data = {**daughter_for_father, "concerns-2-description": "Something else"}
    client.force_login(officer)
    page = client.post("/cases/new/complaint/", data).content.decode()
    assert "Concern 3: Choose the category of this concern" in page
    assert not Representation.objects.exists()


def test_editing_a_complaint_records_each_change_in_the_audit_trail(client, officer, daughter_for_father):
    client.force_login(officer)
    client.post("/cases/new/complaint/", daughter_for_father)
    case = Representation.objects.get()
    concern = case.concerns.first()
    edit = {
        **daughter_for_father,
        "summary": "Her father waited twelve weeks for a care package.",
        **concern_rows(
            (concern.category_id if not concern.subcategory_id else concern.subcategory_id, "Wait"),
            (case.concerns.last().subcategory_id, "Dismissive"),
            initial=2,
        ),
        "concerns-0-id": concern.pk,
        "concerns-1-id": case.concerns.last().pk,
        "concerns-0-representation": case.pk,
        "concerns-1-representation": case.pk,
    }
    response = client.post(f"/cases/{case.reference}/edit/", edit)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary.startswith("Her father waited twelve weeks")
    assert list(Concern.objects.values_list("description", flat=True)) == ["Wait", "Dismissive"]

    page = client.get(case.get_absolute_url()).content.decode()
    trail = page[page.index('id="audit-trail"') :]
    assert "Her father waited eleven weeks for a care package." in trail
    assert "Her father waited twelve weeks for a care package." in trail
    assert "Olivia Okafor" in trail
    assert "Viewed the case" in trail
    assert "Dismissive" in trail


def test_investigating_officer_does_not_see_the_audit_trail(client, investigator, make_case):
    case = make_case(investigating_officer=investigator)
    client.force_login(investigator)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="audit-trail"' not in page


def test_every_view_of_a_case_is_recorded(client, officer, investigator, make_case):
    from redress.audit.trail import history_for_case

    case = make_case(investigating_officer=investigator)
    client.force_login(investigator)
    client.get(case.get_absolute_url())
    client.get(case.get_absolute_url())
    views = [e for e in history_for_case(case) if e.action == e.Action.ACCESS]
    assert [e.actor for e in views] == [investigator, investigator]


def test_officer_records_a_compliment_with_themes(client, officer, area):
    team = area("Adult Services > Reablement")
    theme = Lookup.objects.get(label="Kindness and compassion")
    client.force_login(officer)
    response = client.post(
        "/cases/new/compliment/",
        {
            **date_fields("received", dt.date(2026, 5, 11)),
            "service_area": team.pk,
            "staff_named": "Dawn (reablement support worker)",
            "themes": [theme.pk],
            "summary": "Dawn made Mum feel safe at home again.",
            "passed_to_staff": "on",
        },
    )
    case = Representation.objects.get()
    assert response.status_code == 302
    assert case.kind == Kind.COMPLIMENT and case.reference == "CMP-2026-00001"
    assert list(case.themes.all()) == [theme] and case.passed_to_staff and not case.passed_to_manager


@pytest.fixture
def some_cases(make_case, area):
    from redress.cases.models import Person

    mh = area("Adult Services > Mental Health")
    fostering = area("Children's Services > Fostering")
    hartley = Person.objects.create(first_name="Priya", last_name="Hartley")
    jones = Person.objects.create(first_name="Sam", last_name="Jones")
    return [
        make_case(complainant=hartley, service_area=mh, received=dt.date(2026, 1, 5)),
        make_case(
            complainant=jones,
            procedure="children",
            service_area=fostering,
            received=dt.date(2026, 2, 5),
            closed=dt.date(2026, 3, 1),
            outcome="not_upheld",
        ),
        make_case(
            kind=Kind.COMPLIMENT,
            procedure=None,
            service_area=mh,
            received=dt.date(2026, 2, 9),
            summary="Thank you to the crisis team",
        ),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=hartley", [0]),
        ("q=crisis+team", [2]),
        ("kind=compliment", [2]),
        ("procedure=children", [1]),
        ("status=closed", [1]),
        ("status=open&kind=complaint", [0]),
        ("received_from_day=1&received_from_month=2&received_from_year=2026", [2, 1]),
    ],
)
def test_officer_finds_cases_by_search_and_filters(client, officer, some_cases, query, expected):
    client.force_login(officer)
    page = client.get(f"/cases/?{query}").content.decode()
    found = [i for i, case in enumerate(some_cases) if f">{case.reference}</a>" in page]
    assert sorted(found) == sorted(expected)
    assert f"{len(expected)} case" in page


def test_filtering_by_a_directorate_includes_its_teams(client, officer, some_cases):
    from redress.configuration.models import ServiceArea

    adults = ServiceArea.objects.get(path="Adult Services")
    client.force_login(officer)
    page = client.get(f"/cases/?service_area={adults.pk}").content.decode()
    assert some_cases[0].reference in page and some_cases[2].reference in page
    assert some_cases[1].reference not in page


def test_case_list_is_paginated(client, officer, make_case):
    for _ in range(30):
        make_case()
    client.force_login(officer)
    first = client.get("/cases/").content.decode()
    second = client.get("/cases/?page=2").content.decode()
    assert first.count('class="govuk-link" href="/cases/ASC-') == 25
    assert second.count('class="govuk-link" href="/cases/ASC-') == 5


def test_case_list_sorts_by_complainant_surname(client, officer, some_cases):
    client.force_login(officer)
    page = client.get("/cases/?sort=surname&kind=complaint").content.decode()
    assert page.index(some_cases[0].reference) < page.index(some_cases[1].reference)


def test_errors_in_the_case_and_a_concern_are_shown_together(client, officer, daughter_for_father):
    data = {**daughter_for_father, "received_day": "", "concerns-2-description": "No category"}
    client.force_login(officer)
    page = client.post("/cases/new/complaint/", data).content.decode()
    assert "Date received must include a day" in page
    assert "Concern 3: Choose the category of this concern" in page
