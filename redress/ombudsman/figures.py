"""The Ombudsman figures: one calculation for the link officer's view, the dashboards and the
annual report (docs/interchange.md, section 4), so they always agree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db.models import F, Prefetch

from redress.configuration.models import Council, financial_year

from .models import UNDECIDED, UPHELD_DECISIONS, Decision, OmbudsmanCase, Recommendation, Stage, StageRecord


def summarise(cases) -> dict:
    """The annual report dataset's `ombudsman` object for these cases."""
    cases = list(
        cases.prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.order_by()),
            Prefetch("stages", queryset=StageRecord.objects.filter(stage=Stage.ENQUIRY).order_by(), to_attr="enquiry"),
        )
    )
    decisions = Counter(case.decision or UNDECIDED for case in cases)
    compliance = Counter(_compliance(case.recommendations.all()) for case in cases)
    answered = [record for case in cases for record in case.enquiry if record.responded]
    late = sum(1 for record in answered if record.late)
    # Each type once a case, under the name the Ombudsman or the imported file gave it.
    named = Counter(name for case in cases for name in {r.named_as for r in case.recommendations.all() if r.named_as})
    upheld = sum(n for code, n in decisions.items() if code in UPHELD_DECISIONS)
    not_upheld = decisions.get(Decision.NOT_UPHELD, 0)
    amounts = [r.amount for case in cases for r in case.recommendations.all() if r.amount is not None]
    return {
        "received": len(cases),
        "decided": sum(1 for case in cases if case.decided),
        "decisions": dict(sorted(decisions.items(), key=lambda i: (-i[1], i[0]))),
        "upheld": upheld,
        "not_upheld": not_upheld,
        "upheld_rate": round(upheld / (upheld + not_upheld), 4) if upheld + not_upheld else None,
        "remedies_gbp": f"{sum(amounts, Decimal(0)):.2f}",
        "remedies_completed_on_time": compliance["on_time"],
        "remedies_late": compliance["late"],
        "remedies_outstanding": compliance["outstanding"],
        "responses_on_time": len(answered) - late,
        "responses_late": late,
        "remedies_by_type": dict(sorted(named.items(), key=lambda i: (-i[1], i[0]))),
    }


def _compliance(recommendations) -> str | None:
    """The case's remedy record as the annual report counts it (docs/interchange.md, section 4):
    "outstanding" while a remedy with an amount or due date is not done, "late" if one was done
    after its due date, "on_time" if all dated ones were done by it; None when nothing was due.
    A remedy named without an amount or date (a type an imported file listed) is not counted."""
    tracked = [r for r in recommendations if r.amount is not None or r.due or r.completed]
    if any(r.completed is None for r in tracked):
        return "outstanding"
    dated = [r for r in tracked if r.due]
    if any(r.completed > r.due for r in dated):
        return "late"
    return "on_time" if dated else None


def paid(cases) -> Decimal:
    """Money the council has paid on the Ombudsman's recommendations (completed payments)."""
    done = Recommendation.objects.filter(case__in=cases, completed__isnull=False, amount__isnull=False)
    return sum(done.values_list("amount", flat=True), Decimal(0))


def responses(start: dt.date, end: dt.date) -> dict[str, int]:
    """How often the council's answers sent in a period met the Ombudsman's deadline."""
    answered = StageRecord.objects.filter(responded__gte=start, responded__lte=end)
    late = answered.filter(responded__gt=F("ombudsman_due")).count()
    return {"on_time": answered.count() - late, "late": late}


def decided_between(start, end):
    return OmbudsmanCase.objects.filter(decided__gte=start, decided__lte=end)


def dashboard(user, today: dt.date) -> dict | None:
    """The Ombudsman panel of the staff dashboard: the link officer's deadlines and this year's
    remedy record; for anyone else, only the remedies they own."""
    mine = Recommendation.objects.outstanding().with_deadlines(today).filter(owner=user).select_related("case")
    if not user.handles_ombudsman:
        return {"mine": list(mine)} if mine else None
    start, end = financial_year(Council.current().financial_year_start(today).year)
    year = summarise(decided_between(start, end))
    return {
        "handler": True,
        "mine": list(mine),
        "open": OmbudsmanCase.objects.open().count(),
        "answers_overdue": StageRecord.objects.waiting().overdue(today).count(),
        "remedies_overdue": Recommendation.objects.overdue(today).count(),
        "year": year,
        "year_start": start,
    }
