from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from redress.accounts.decorators import case_editor_required, case_reader_required, unless_anonymised
from redress.cases.models import Representation
from redress.views import save_form

from .forms import LetterTemplateForm, NewLetterForm
from .letters import produce_letter
from .models import CaseLetter, LetterTemplate


@case_editor_required
def templates(request):
    return render(
        request, "correspondence/templates.html", {"templates": LetterTemplate.objects.select_related("procedure")}
    )


@case_editor_required
def template_edit(request, pk):
    template = get_object_or_404(LetterTemplate, pk=pk)
    back = reverse("correspondence:templates")
    return save_form(
        request,
        LetterTemplateForm(request.POST or None, instance=template),
        "configuration/form.html",
        "{} saved",
        back,
        {"title": f"Edit the {template}", "back": back},
    )


def _case(request, reference) -> Representation:
    return get_object_or_404(Representation.objects.visible_to(request.user).complaints(), reference=reference)


@case_reader_required
@unless_anonymised
def new_letter(request, reference):
    case = _case(request, reference)
    if not (request.user.can_edit_cases or case.investigating_officer_id == request.user.pk):
        raise Http404
    form = NewLetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        letter = produce_letter(case, form.cleaned_data["kind"], request.user)
        messages.success(request, f"{letter.get_kind_display()} letter produced")
        return redirect(case)
    return render(
        request,
        "cases/simple_form.html",
        {"case": case, "form": form, "title": "Produce a letter", "button": "Produce letter"},
    )


@case_reader_required
def download(request, pk, format):
    letter = get_object_or_404(CaseLetter, pk=pk, case__in=Representation.objects.visible_to(request.user))
    if format not in {"docx", "pdf"}:
        raise Http404
    file = letter.word if format == "docx" else letter.pdf
    return FileResponse(file.open("rb"), as_attachment=True, filename=f"{letter.case.reference}-{letter.kind}.{format}")
