"""Retention: the administrators' page, and legal holds on a case."""

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from redress.accounts.decorators import administrator_required, case_editor_required
from redress.cases.models import Representation
from redress.notifications.models import DailyRun

from .anonymising import due_for_anonymisation
from .forms import LegalHoldForm, RetentionRulesForm
from .models import Anonymisation, LegalHold, RetentionRules

SHOWN = 200  # cases listed at most: the count says how many more


def next_run(today: dt.date) -> dt.date:
    """The day of the next daily run: today, unless it has already been queued."""
    return today + dt.timedelta(days=1) if DailyRun.objects.filter(date=today).exists() else today


@administrator_required
def index(request):
    rules = RetentionRules.current()
    form = RetentionRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Retention rules saved")
        return redirect("retention:index")
    today = timezone.localdate()
    day = next_run(today)
    due = due_for_anonymisation(day).only("reference", "kind", "closed")
    return render(
        request,
        "retention/index.html",
        {
            "form": form,
            "next_run": day,
            "due": due[:SHOWN],
            "due_count": due.count(),
            "holds": LegalHold.objects.in_force(today).select_related("case", "placed_by").order_by("until", "pk"),
            "anonymised_count": Anonymisation.objects.count(),
        },
    )


def _case(request, reference: str) -> Representation:
    return get_object_or_404(Representation.objects.visible_to(request.user), reference=reference)


@case_editor_required
def place_hold(request, reference):
    case = _case(request, reference)
    if case.is_anonymised:
        raise Http404  # nothing is left to keep
    form = LegalHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hold = form.save(commit=False)
        hold.case, hold.placed_by = case, request.user
        hold.save()
        messages.success(request, f"Legal hold placed on {case.reference}")
        return redirect(case)
    return render(
        request,
        "cases/simple_form.html",
        {
            "case": case,
            "form": form,
            "title": "Place a legal hold",
            "button": "Place the hold",
            "hint": "While the hold is in force the case keeps its personal details after its retention period ends.",
        },
    )


@case_editor_required
@require_POST
def release_hold(request, pk):
    with transaction.atomic():
        hold = get_object_or_404(
            LegalHold.objects.select_for_update().filter(case__in=Representation.objects.visible_to(request.user)),
            pk=pk,
            released__isnull=True,
        )
        hold.released, hold.released_by = timezone.now(), request.user
        hold.save()
    messages.success(request, f"Legal hold on {hold.case.reference} released")
    return redirect(hold.case)
