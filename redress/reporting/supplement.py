"""Figures the annual report shows beyond the interchange dataset (docs/interchange.md allows a
dataset to hold more): kept beside it so the JSON and every format still show one set of numbers."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min

from redress.cases.models import Representation
from redress.ombudsman.models import OmbudsmanCase
from redress.procedures.models import Procedure


def supplement(year: int, procedure: Procedure, start: dt.date, end: dt.date, as_of: dt.date) -> dict:
    return {"records_start": _records_start(procedure)}


def _records_start(procedure: Procedure) -> str | None:
    """The first day anything of this procedure was recorded or imported: a year ending before it
    has no data, which the report says instead of showing zeros."""
    days = [
        Representation.objects.filter(procedure=procedure).aggregate(first=Min("received"))["first"],
        OmbudsmanCase.objects.filter(procedure=procedure).aggregate(first=Min("received"))["first"],
    ]
    days = [d for d in days if d]
    return min(days).isoformat() if days else None
