"""Tasks: added on a case's page, listed for the person they are assigned to, marked done."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from redress.accounts.decorators import ANONYMISED, case_reader_required, unless_anonymised
from redress.cases.models import Representation
from redress.views import save_form

from .forms import TaskForm
from .models import Task


@case_reader_required
@unless_anonymised
def add(request, reference):
    case = get_object_or_404(Representation.objects.visible_to(request.user), reference=reference)
    task = Task(case=case, created_by=request.user)
    data = request.POST if request.method == "POST" else None
    form = TaskForm(data, instance=task, initial={"assigned_to": request.user.pk})
    back = case.get_absolute_url() + "#tasks"
    context = {"case": case, "back": back, "title": "Add a task", "button": "Add task"}
    return save_form(request, form, "cases/simple_form.html", "Task added to {.case}", back, context)


@case_reader_required
@require_POST
def mark_done(request, pk):
    tasks = Task.objects.filter(case__in=Representation.objects.visible_to(request.user))
    task = get_object_or_404(tasks.select_related("case__anonymisation"), pk=pk)
    back = request.POST.get("next", "")
    # Back to the page it was pressed on: only a path on this site (never a view's name, nor elsewhere).
    if not (back.startswith("/") and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())):
        back = task.case.get_absolute_url() + "#tasks"
    if task.case.is_anonymised:
        messages.error(request, ANONYMISED.format(task.case.reference))
    elif task.is_done:
        messages.info(request, f"That task on {task.case.reference} was already done")
    else:
        task.mark_done(request.user)
        messages.success(request, f"Task on {task.case.reference} marked as done")
    return HttpResponseRedirect(back)


@case_reader_required
def my_tasks(request):
    today = timezone.localdate()
    groups = {"overdue": [], "today": [], "later": []}
    for task in Task.objects.for_person(request.user):
        groups[task.when(today)].append(task)
    return render(request, "tasks/my_tasks.html", {"groups": groups, "today": today, "next": request.path})
