"""Finding a case among many: a reference opens its case, Next and Previous walk the whole list
once in order, the count is honest about how many, and the search index keeps up with edits,
imports and anonymisation."""

import datetime as dt
import re

import pytest
from django.core.management import call_command

from redress.cases import paging, search
from redress.cases.models import CaseSearch, Concern, Person, Representation
from redress.configuration.models import Lookup, LookupList
from redress.retention.anonymising import anonymise

pytestmark = pytest.mark.django_db


def listed(page: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/cases/([^/"]+)/">', page)


def found(client, text: str) -> list[str]:
    return listed(client.get("/cases/", {"q": text}).content.decode())


def link(page: str, rel: str) -> str | None:
    match = re.search(rf'href="\?([^"]*)" rel="{rel}"', page)
    return match[1].replace("&amp;", "&") if match else None


def test_a_search_that_is_a_reference_opens_the_case(client, officer, make_case):
    case = make_case()
    client.force_login(officer)
    response = client.get("/cases/", {"q": f"  {case.reference.lower()} ", "status": "open"})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()


def test_a_reference_someone_may_not_see_is_not_opened_for_them(client, investigator, make_case):
    case = make_case()
    client.force_login(investigator)
    response = client.get("/cases/", {"q": case.reference})
    assert response.status_code == 200 and listed(response.content.decode()) == []


def test_part_of_a_reference_lists_the_cases_it_is_part_of(client, officer, make_case):
    cases = [make_case() for _ in range(3)]
    client.force_login(officer)
    prefix = cases[0].reference[:-1]
    assert set(found(client, prefix)) >= {c.reference for c in cases if c.reference.startswith(prefix)}


@pytest.mark.parametrize("sort", ["", "received-oldest", "reference", "surname"])
def test_next_and_previous_show_every_case_once_in_order(client, officer, make_case, sort):
    # Many on the same day and under the same name, so that only the id tells them apart.
    for n in range(60):
        person = Person.objects.create(first_name="Jo", last_name=["Smith", "Adams", "Smith-Jones"][n % 3])
        make_case(received=dt.date(2026, 3, 1 + n % 4), complainant=person)
    client.force_login(officer)
    query = f"sort={sort}" if sort else ""
    pages, first = [], client.get(f"/cases/?{query}").content.decode()
    page = first
    while True:
        pages.append(listed(page))
        after = link(page, "next")
        if not after:
            break
        assert "after=" in after and "page=" not in after
        page = client.get(f"/cases/?{after}").content.decode()
    everything = [case for part in pages for case in part]
    assert [len(part) for part in pages] == [25, 25, 10]
    assert len(set(everything)) == 60
    by_list_order = {"": "-received", "received-oldest": "received", "reference": "reference"}
    if sort in by_list_order:
        dates = Representation.objects.in_bulk(everything, field_name="reference")
        keys = [getattr(dates[r], by_list_order[sort].lstrip("-")) for r in everything]
        assert keys == sorted(keys, reverse=by_list_order[sort].startswith("-"))
    else:
        names = [Representation.objects.get(reference=r).complainant.last_name for r in everything]
        assert names == sorted(names, key=str.lower)
    # Back again from the last page.
    for expected in reversed(pages[:-1]):
        page = client.get(f"/cases/?{link(page, 'prev')}").content.decode()
        assert listed(page) == expected
    assert link(page, "prev") is None


def test_a_page_number_still_works_and_carries_on_with_next(client, officer, make_case):
    for _ in range(30):
        make_case()
    client.force_login(officer)
    second = client.get("/cases/?page=2").content.decode()
    assert len(listed(second)) == 5 and link(second, "next") is None
    assert listed(client.get(f"/cases/?{link(second, 'prev')}").content.decode()) == listed(
        client.get("/cases/").content.decode()
    )
    assert listed(client.get("/cases/?page=99999").content.decode()) == []


@pytest.mark.parametrize("after", ["abc", "-1", "99999999", "1" * 40, "1.5"])
def test_a_broken_page_link_says_so_and_shows_the_first_page(client, officer, make_case, after):
    case = make_case()
    client.force_login(officer)
    response = client.get("/cases/", {"after": after, "kind": "complaint"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "That page link no longer works" in page and listed(page) == [case.reference]


def test_the_count_is_exact_up_to_a_limit_and_then_says_more_than(client, officer, make_case, monkeypatch):
    for _ in range(4):
        make_case()
    client.force_login(officer)
    assert "4 cases match your search" in client.get("/cases/?kind=complaint").content.decode()
    monkeypatch.setattr(paging, "COUNT_UP_TO", 3)
    page = client.get("/cases/?kind=complaint").content.decode()
    assert "More than 3 cases match your search" in page
    assert "the first 10,000 in this order, not only this page" in page
    assert re.search(r'id="case-count" role="status">More than 3 cases<', client.get("/cases/").content.decode())


def test_search_follows_edits_to_people_summaries_and_concerns(client, officer, make_case):
    person = Person.objects.create(first_name="June", last_name="Hartley", phone="07700 900123", postcode="LS1 4AP")
    case = make_case(complainant=person, service_user=person, summary="Missed visits")
    category = Lookup.objects.filter(list_name=LookupList.CONCERN_CATEGORY).first()
    concern = Concern.objects.create(representation=case, category=category, description="Rota not kept")
    client.force_login(officer)
    for text in ("hartley", "missed visits", "rota kept", "07700900123", "ls14ap"):
        assert found(client, text) == [case.reference], text

    person.last_name, person.phone, person.postcode = "Quennell", "0113 496 0000", "BD7 1DP"
    person.save()
    case.summary = "Late care package"
    case.save()
    concern.description = "Carer was rude"
    concern.save()
    for text in ("hartley", "missed", "rota", "07700900123", "LS1"):
        assert found(client, text) == [], text
    for text in ("Quennell", "late care", "rude", "01134960000", "bd7"):
        assert found(client, text) == [case.reference], text
    concern.delete()
    assert found(client, "rude") == []


def test_a_new_cases_search_row_is_the_one_a_rebuild_makes(make_case):
    # Written from the case in memory when its people came with it; read back when only their ids did.
    them = Person.objects.create(first_name="Margaret", last_name="Hughes", phone="07700 900982", postcode="nb1 2ab")
    me = Person.objects.create(first_name="Susan", last_name="Hughes", email="Susan@example.com", postcode="NB1 2AB")
    cases = [
        make_case(complainant=me, service_user=them, summary="Missed visits"),
        make_case(complainant_id=me.pk, service_user_id=them.pk, summary="Missed visits"),
        make_case(summary="No one named"),
    ]
    fields = ("case_id", "words", "phones", "postcodes", "sort_name", "received")
    written = list(CaseSearch.objects.filter(case__in=cases).order_by("case_id").values_list(*fields))
    search.refresh([case.pk for case in cases])
    assert written == list(CaseSearch.objects.filter(case__in=cases).order_by("case_id").values_list(*fields))
    assert written[0][2:] == written[1][2:] == (" 07700900982", " nb12ab nb12ab", "hughes\tsusan", dt.date(2026, 3, 2))


def test_imported_cases_are_found_by_search(client, officer, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(
        "reference,kind,procedure,received,service_area\nASC-77,complaint,adult,2026-05-02,Adult Services\n"
    )
    call_command("import_representations", str(path), verbosity=0)
    client.force_login(officer)
    assert found(client, "asc-7") == ["ASC-77"]
    assert client.get("/cases/", {"q": "asc-77"})["Location"] == "/cases/ASC-77/"


def test_rebuilding_the_index_finds_people_written_straight_to_the_database(client, officer, make_case):
    case = make_case()
    person = Person.objects.create(last_name="Featherstonehaugh")
    Representation.objects.filter(pk=case.pk).update(complainant=person)  # as bench/people.py does
    client.force_login(officer)
    assert found(client, "Featherstone") == []
    call_command("rebuild_search_index", verbosity=0)
    assert found(client, "Featherstone") == [case.reference]


def test_an_anonymised_case_is_not_found_by_anything_personal(client, officer, make_case):
    person = Person.objects.create(
        first_name="Susan", last_name="Hughes", email="susan@example.com", phone="07700 900982", postcode="NB1 2AB"
    )
    case = make_case(
        complainant=person, service_user=person, summary="Carers missed visits", closed=dt.date(2019, 1, 2)
    )
    anonymise(case, reason="Its retention period ended")
    client.force_login(officer)
    for text in ("Hughes", "Susan", "susan@example", "07700900982", "NB1", "Carers"):
        assert found(client, text) == [], text
    entry = CaseSearch.objects.get(case=case)
    assert (entry.words, entry.phones, entry.postcodes, entry.sort_name) == (case.reference.lower(), "", "", "")
    assert found(client, case.reference[:-1]) == [case.reference]


def test_a_search_matching_many_cases_finds_the_same_cases(client, officer, make_case, monkeypatch):
    from redress.cases import search

    people = [Person.objects.create(last_name=name, phone="07700 900123") for name in ("Price", "Pricey", "Bell")]
    cases = [make_case(complainant=p, received=dt.date(2026, 3, 1 + n)) for n, p in enumerate(people)]
    client.force_login(officer)
    expected = {text: found(client, text) for text in ("price", "pr", "07700900123")}
    monkeypatch.setattr(search, "FEW", 1)  # as though these were a common name among a million
    assert {text: found(client, text) for text in expected} == expected
    assert expected["price"] == [cases[1].reference, cases[0].reference]
