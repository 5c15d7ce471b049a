"""Working days as docs/interchange.md defines them (section 1), on real holiday periods."""

import datetime as dt

import pytest

from redress.procedures.calendar import (
    WorkingDayCalendar,
    add_working_days,
    bank_holiday_range,
    working_days_between,
)
from redress.procedures.models import ClosureDay

D = dt.date
calendar = WorkingDayCalendar()


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Friday 19 Dec 2025: Christmas Day (Thu) and Boxing Day (Fri) are skipped.
        (D(2025, 12, 19), 3, D(2025, 12, 24)),
        (D(2025, 12, 19), 5, D(2025, 12, 30)),
        (D(2025, 12, 19), 10, D(2026, 1, 7)),  # New Year's Day too
        # 2020: Christmas Friday, Boxing Day Saturday, substitute Monday 28 December.
        (D(2020, 12, 23), 3, D(2020, 12, 30)),
        # 2022: Christmas Sunday and Boxing Day Monday, substitute Tuesday 27 December.
        (D(2022, 12, 23), 1, D(2022, 12, 28)),
        # Easter 2024: Good Friday 29 March and Easter Monday 1 April.
        (D(2024, 3, 27), 2, D(2024, 4, 2)),
        # Easter 2025: Good Friday 18 April and Easter Monday 21 April.
        (D(2025, 4, 17), 1, D(2025, 4, 22)),
        (D(2025, 4, 17), 20, D(2025, 5, 20)),  # early May bank holiday 5 May as well
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        (D(2026, 4, 2), 3, D(2026, 4, 9)),
    ],
)
def test_deadlines_skip_christmas_and_easter(received, days, due):
    assert calendar.add_working_days(received, days) == due
    assert calendar.working_days(received, due) == days


def test_received_at_the_weekend_counts_from_the_next_working_day():
    # Received Saturday 7 March 2026 (day 0): day 1 is Monday 9 March.
    assert calendar.add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)
    assert calendar.add_working_days(D(2026, 3, 7), 5) == D(2026, 3, 13)
    assert calendar.working_days(D(2026, 3, 7), D(2026, 3, 8)) == 0


def test_a_full_week_is_five_working_days():
    assert calendar.working_days(D(2026, 3, 2), D(2026, 3, 9)) == 5


def test_no_working_days_when_the_response_is_on_or_before_receipt():
    assert calendar.working_days(D(2026, 3, 9), D(2026, 3, 9)) == 0
    assert calendar.working_days(D(2026, 3, 9), D(2026, 3, 2)) == 0


def test_three_working_days_acknowledgement_over_a_bank_holiday_weekend():
    # Received Thursday 21 August 2025; Monday 25 August is the summer bank holiday.
    assert calendar.add_working_days(D(2025, 8, 21), 3) == D(2025, 8, 27)


def test_working_days_agree_with_counting_day_by_day_over_ten_years():
    start = D(2016, 1, 1)
    day, counted = start, 0
    while day < D(2026, 1, 1):
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in set(_bank_holidays()):
            counted += 1
        if day.day == 1:
            assert calendar.working_days(start, day) == counted, day


def _bank_holidays():
    from redress.procedures.calendar import bank_holidays

    return bank_holidays()


@pytest.mark.django_db
def test_council_closure_days_are_not_working_days():
    # Christmas Eve 2025 is a Wednesday; many councils close.
    assert add_working_days(D(2025, 12, 19), 3) == D(2025, 12, 24)
    ClosureDay.objects.create(date=D(2025, 12, 24), description="Christmas Eve")
    assert add_working_days(D(2025, 12, 19), 3) == D(2025, 12, 29)
    assert working_days_between(D(2025, 12, 19), D(2025, 12, 31)) == 5  # 22, 23, 29, 30, 31


def test_bundled_bank_holidays_cover_the_years_in_use():
    first, last = bank_holiday_range()
    assert first <= 2016 and last >= 2027
