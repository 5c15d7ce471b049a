"""When an information request must be answered: UK GDPR Article 12(3).

"Without undue delay and in any event within one month of receipt", extendable "by two further
months where necessary". A month runs to the corresponding day of the next month; when that
month has no such day (31 January, 29 February in another year), to its last day. The extended
limit is one period of three months from receipt, counted the same way (so 31 January gives
28 or 29 February, and 30 April when extended), not two months added to the shortened first one.
When that day is a weekend or a bank holiday, the Information Commissioner's guidance gives
until the next working day.
"""

from __future__ import annotations

import calendar
import datetime as dt

from redress.procedures.calendar import WorkingDayCalendar

MAX_EXTENSION_MONTHS = 2


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day `months` later, or the last day of that month when it has none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def response_due(received: dt.date, extension_months: int = 0) -> dt.date:
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError(f"An extension is of at most {MAX_EXTENSION_MONTHS} further months")
    due = add_months(received, 1 + extension_months)
    # Bank holidays only: the council's own closure days do not move a legal time limit.
    holidays = WorkingDayCalendar()
    while not holidays.is_working_day(due):
        due += dt.timedelta(days=1)
    return due
