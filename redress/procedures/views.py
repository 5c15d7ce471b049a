"""Administrators set the procedures' stages and timescales and the council's closure days."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from redress.accounts.decorators import administrator_required
from redress.cases.workflow import recompute_open_cases
from redress.views import save_form

from .calendar import bank_holiday_range
from .forms import ClosureDayForm, ProcedureForm, StageForm
from .models import ClosureDay, Procedure, Stage


@administrator_required
def procedure_list(request):
    return render(request, "procedures/list.html", {"procedures": Procedure.objects.prefetch_related("stages")})


@administrator_required
def procedure_edit(request, pk):
    procedure = get_object_or_404(Procedure, pk=pk)
    back = reverse("procedures:list")
    return save_form(
        request,
        ProcedureForm(request.POST or None, instance=procedure),
        "configuration/form.html",
        "{} procedure saved",
        back,
        {"title": "Change the procedure", "caption": procedure.name, "back": back},
    )


@administrator_required
def stage_edit(request, pk):
    stage = get_object_or_404(Stage.objects.select_related("procedure"), pk=pk)
    back = reverse("procedures:list")
    return save_form(
        request,
        StageForm(request.POST or None, instance=stage),
        "configuration/form.html",
        "{} saved",
        back,
        {"title": f"Change stage {stage.number}", "caption": stage.procedure.name, "back": back},
    )


def deadlines_moved(count: int) -> str:
    if not count:
        return "No open complaint's deadlines changed."
    return f"The deadlines of {count} open complaint{'s' if count != 1 else ''} were worked out again."


@administrator_required
def closure_days(request):
    today = timezone.localdate()
    form = ClosureDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            day = form.save()
            moved = recompute_open_cases(day.date)
        messages.success(request, f"{day} added. {deadlines_moved(moved)}")
        return redirect("procedures:closure-days")
    first, last = bank_holiday_range()
    return render(
        request,
        "procedures/closure_days.html",
        {
            "form": form,
            "upcoming": ClosureDay.objects.filter(date__gte=today),
            "past": ClosureDay.objects.filter(date__lt=today).order_by("-date"),
            "first": first,
            "last": last,
        },
    )


@administrator_required
def closure_day_delete(request, pk):
    day = get_object_or_404(ClosureDay, pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            day.delete()
            moved = recompute_open_cases(day.date)
        messages.success(request, f"{day} removed. {deadlines_moved(moved)}")
        return redirect("procedures:closure-days")
    return render(request, "procedures/closure_day_delete.html", {"day": day})
