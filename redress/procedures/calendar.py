"""Working days: Monday to Friday, less England and Wales bank holidays and the council's
closure days (docs/interchange.md, section 1).

Bank holidays come from the GOV.UK data bundled with the `govuk-bank-holidays` package, so
nothing is fetched at run time. See docs/adr/0002-working-day-calendar.md.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from functools import cache, lru_cache

from govuk_bank_holidays.bank_holidays import BankHolidays


@cache
def bank_holidays() -> tuple[dt.date, ...]:
    data = BankHolidays(use_cached_holidays=True)
    return tuple(sorted(h["date"] for h in data.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)))


def bank_holiday_range() -> tuple[int, int]:
    """The first and last years the bundled bank holiday data covers."""
    holidays = bank_holidays()
    return holidays[0].year, holidays[-1].year


class WorkingDayCalendar:
    """Counts working days. Build one per request or report and reuse it in loops."""

    def __init__(self, closure_days: Iterable[dt.date] = ()) -> None:
        days = set(bank_holidays()) | set(closure_days)
        # Only weekday closures change a count: weekends are never working days anyway.
        self._holidays = sorted(d for d in days if d.weekday() < 5)

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return False
        i = bisect.bisect_left(self._holidays, day)
        return not (i < len(self._holidays) and self._holidays[i] == day)

    def working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end; 0 when end <= start."""
        if end <= start:
            return 0
        weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
        holidays = bisect.bisect_right(self._holidays, end) - bisect.bisect_right(self._holidays, start)
        return weekdays - holidays

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`th working day after `start` (day 0). `start` itself may be any day."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        # Jump by whole weeks first, then step: fast for 65-day stages and long deadlines.
        while days > 0:
            if days > 10:
                guess = day + dt.timedelta(days=(days // 5) * 7)
                counted = self.working_days(day, guess)
                if 0 < counted < days:
                    day, days = guess, days - counted
                    continue
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day


@lru_cache(maxsize=8192)
def _weekdays_up_to(day: dt.date) -> int:
    """Monday-to-Friday days from Monday 1 January 0001 up to and including `day`."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(rest + 1, 5)


def current_calendar() -> WorkingDayCalendar:
    """The calendar with the council's closure days as they are now in the database."""
    from .models import ClosureDay

    return WorkingDayCalendar(ClosureDay.objects.values_list("date", flat=True))


def add_working_days(start: dt.date, days: int) -> dt.date:
    return current_calendar().add_working_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return current_calendar().working_days(start, end)
