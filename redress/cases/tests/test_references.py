"""Every representation gets a readable reference that is never issued twice."""

import datetime as dt
import threading

import pytest
from django.db import connection

from redress.cases.models import Kind, Representation
from redress.configuration.models import Council


def test_references_follow_the_procedure_year_and_sequence(make_case):
    first = make_case(received=dt.date(2026, 4, 1))
    second = make_case(received=dt.date(2026, 4, 2))
    children = make_case(procedure="children", received=dt.date(2026, 4, 2))
    compliment = make_case(kind=Kind.COMPLIMENT, procedure=None)
    earlier = make_case(received=dt.date(2025, 12, 1))
    assert [
        first.reference,
        second.reference,
        children.reference,
        compliment.reference,
        earlier.reference,
    ] == [
        "ASC-2026-00001",
        "ASC-2026-00002",
        "CSC-2026-00001",
        "CMP-2026-00001",
        "ASC-2025-00001",
    ]


def test_the_council_chooses_the_reference_format(make_case):
    council = Council.current()
    council.reference_format = "{prefix}/{year}/{number}"
    council.save()
    assert make_case().reference == "ASC/2026/1"


def test_a_reference_already_taken_is_skipped(make_case):
    make_case(reference="ASC-2026-00001")
    assert make_case().reference == "ASC-2026-00002"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a server database for real concurrency")
def test_officers_saving_at_the_same_moment_get_different_references(transactional_db):
    from redress.procedures.models import Procedure

    adult = Procedure.objects.get(code="adult")
    start = threading.Barrier(8)
    errors = []

    def record():
        try:
            start.wait()
            Representation.objects.create(kind=Kind.COMPLAINT, procedure=adult, received=dt.date(2026, 5, 1))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = sorted(Representation.objects.values_list("reference", flat=True))
    assert references == [f"ASC-2026-{n:05d}" for n in range(1, 9)]
