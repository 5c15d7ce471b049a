"""One calendar month from receipt (UK GDPR Article 12(3)), up to three when extended."""

import datetime as dt

import pytest

from redress.information_rights.deadlines import add_months, response_due

D = dt.date


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 3, 15), D(2026, 4, 15)),  # the corresponding day
        (D(2026, 1, 31), D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2028, 1, 31), D(2028, 2, 29)),  # a leap year
        (D(2028, 2, 29), D(2028, 3, 29)),
        (D(2026, 3, 31), D(2026, 4, 30)),
        (D(2026, 12, 15), D(2027, 1, 15)),  # into the next year
        (D(2026, 12, 31), D(2027, 1, 31)),
    ],
)
def test_a_calendar_month_runs_to_the_corresponding_day_or_the_months_last(received, due):
    assert add_months(received, 1) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 3, 15), D(2026, 4, 15)),  # a Wednesday
        (D(2026, 1, 31), D(2026, 3, 2)),  # Saturday 28 February: the Monday after
        (D(2026, 11, 28), D(2026, 12, 29)),  # Monday 28 December is a bank holiday (Boxing Day's)
        (D(2026, 12, 31), D(2027, 2, 1)),  # Sunday 31 January
    ],
)
def test_a_request_is_due_one_calendar_month_after_it_was_received_or_the_next_working_day(received, due):
    assert response_due(received) == due


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        (D(2026, 3, 15), 2, D(2026, 6, 15)),
        # Three months from receipt, not two added to the shortened 28 February.
        (D(2026, 1, 31), 2, D(2026, 4, 30)),
        (D(2026, 1, 31), 1, D(2026, 3, 31)),
        (D(2026, 11, 30), 2, D(2027, 3, 1)),  # Sunday 28 February: the Monday after
        (D(2027, 11, 30), 2, D(2028, 2, 29)),
    ],
)
def test_an_extension_adds_up_to_two_further_months_from_receipt(received, months, due):
    assert response_due(received, months) == due


def test_no_extension_beyond_two_further_months():
    with pytest.raises(ValueError, match="at most 2"):
        response_due(D(2026, 1, 1), 3)
