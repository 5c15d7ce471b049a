"""When an information request must be answered: UK GDPR Article 12(3).

"Without undue delay and in any event within one month of receipt", extendable "by two further
months where necessary". A month runs to the corresponding day of the next month; when that
month has no such day (31 January, 29 February in another year), to its last day. The extended
limit is one period of three months from receipt, counted the same way (so 31 January gives
28 or 29 February, and 30 April when extended), not two months added to the shortened first one.
"""

from __future__ import annotations

import calendar
import datetime as dt

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
    return add_months(received, 1 + extension_months)
