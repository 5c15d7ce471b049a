"""The bulk writer keeps every value exactly as given, on SQLite (INSERT) and PostgreSQL (COPY)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from redress.cases.models import Concern, ConcernFinding, Representation
from redress.configuration.models import Lookup
from redress.imports.bulk import RowWriter, find_rows

AWKWARD = [
    "tab\there",
    "two\nlines and a carriage\r\nreturn",
    "back\\slash and \\N and \\t written out",
    "quotes ' \" and a comma, here",
    "£250 to Zoë — naïve café 💷",
    "",
    "   spaces kept   ",
]


def case_row(reference, **fields):
    now = dt.datetime(2026, 6, 15, 9, 30, 15, 123456, tzinfo=dt.UTC)
    return {
        "reference": reference,
        "kind": "complaint",
        "received": dt.date(2026, 1, 2),
        "created": now,
        "updated": now,
    } | fields


def test_text_dates_amounts_and_blanks_are_kept_exactly(db):
    rows = [case_row(f"W-{n}", summary=text, joint_with=text[:40]) for n, text in enumerate(AWKWARD)]
    rows.append(
        case_row(
            "W-dates",
            acknowledged=dt.date(2026, 1, 5),
            closed=dt.date(2026, 2, 28),
            remedy_amount=Decimal("1234.50"),
            advocate=True,
        )
    )
    rows.append(case_row("W-pence", remedy_amount=Decimal("0.07")))
    RowWriter(Representation).write(rows)

    saved = {case.reference: case for case in Representation.objects.all()}
    for n, text in enumerate(AWKWARD):
        assert saved[f"W-{n}"].summary == text
        assert saved[f"W-{n}"].joint_with == text[:40]
        # Blank dates and amounts are NULL, never an empty string or zero.
        assert saved[f"W-{n}"].acknowledged is None and saved[f"W-{n}"].remedy_amount is None
    dated = saved["W-dates"]
    assert (dated.received, dated.acknowledged, dated.closed) == (
        dt.date(2026, 1, 2),
        dt.date(2026, 1, 5),
        dt.date(2026, 2, 28),
    )
    assert dated.remedy_amount == Decimal("1234.50") and dated.advocate is True
    assert saved["W-pence"].remedy_amount == Decimal("0.07")
    assert dated.created == dt.datetime(2026, 6, 15, 9, 30, 15, 123456, tzinfo=dt.UTC)
    # Fields the rows leave out take the model's defaults.
    assert dated.stage == 1 and dated.ineligible is False and dated.redirection_details == ""


def test_new_rows_ids_are_given_back_where_the_database_can(db):
    RowWriter(Representation).write([case_row("W-before")])
    rows = [case_row(f"W-{n}") for n in range(5)]
    ids = RowWriter(Representation).write(rows, with_ids=True)
    if connection.vendor != "postgresql":
        assert ids is None
        return
    assert ids == [Representation.objects.get(reference=f"W-{n}").pk for n in range(5)]
    # The sequence moved on past them, so a case recorded on screen afterwards gets a new id.
    later = Representation.objects.create(reference="W-later", kind="compliment", received=dt.date(2026, 1, 3))
    assert later.pk > max(ids)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_rows_written_with_copy_can_refer_to_each_other_by_the_ids_given_back(db):
    category = Lookup.objects.create(list_name="concern_category", label="Delay")
    [case] = RowWriter(Representation).write([case_row("W-1")], with_ids=True)
    concern_ids = RowWriter(Concern).write(
        [{"representation_id": case, "category_id": category.pk, "finding": "upheld"}], with_ids=True
    )
    RowWriter(ConcernFinding).write([{"concern_id": concern_ids[0], "stage": 1, "finding": "upheld", "narrative": ""}])
    finding = ConcernFinding.objects.select_related("concern__representation").get()
    assert finding.concern.representation.reference == "W-1" and finding.concern.category == category
    assert RowWriter(Concern).write([], with_ids=True) == []


def test_rows_are_found_by_many_values_at_once_whatever_the_values_hold(db):
    references = ['W-"1"', "W-'2'", "W-3,4", "W-[5]", "W-\\6"]
    RowWriter(Representation).write([case_row(reference) for reference in references])
    wanted = [*references[:4], "W-not-here", *(f"W-{n}" for n in range(5000))]
    assert sorted(find_rows(Representation, "reference", wanted, "reference")) == sorted((r,) for r in references[:4])
    found = dict(find_rows(Representation, "reference", references, "reference", "id"))
    assert found == dict(Representation.objects.values_list("reference", "pk"))
