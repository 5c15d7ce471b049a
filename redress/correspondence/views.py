from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from redress.accounts.decorators import case_editor_required, case_reader_required, unless_anonymised
from redress.cases.models import Representation
from redress.views import save_form

from . import sending
from .forms import LetterEditForm, LetterTemplateForm, NewLetterForm, ReviewForm, SendForm, SubmitForm
from .letters import produce_letter
from .models import CaseLetter, LetterKind, LetterTemplate


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
    if not sending.may_write(request.user, case):
        raise Http404
    # The case page's prompt after an acknowledgement or closure links here with the letter chosen.
    chosen = request.GET.get("kind")
    form = NewLetterForm(request.POST or None, initial={"kind": chosen if chosen in LetterKind.values else None})
    if request.method == "POST" and form.is_valid():
        letter = produce_letter(case, form.cleaned_data["kind"], request.user)
        messages.success(request, f"{letter.get_kind_display()} letter drafted: check it, then send it")
        return redirect("correspondence:letter", reference=case.reference, pk=letter.pk)
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


def _letter(request, reference, pk) -> CaseLetter:
    return get_object_or_404(CaseLetter.objects.select_related("case"), pk=pk, case=_case(request, reference))


@case_reader_required
def letter(request, reference, pk):
    letter = _letter(request, reference, pk)
    user = request.user
    return render(
        request,
        "correspondence/letter.html",
        {
            "case": letter.case,
            "letter": letter,
            "reviews": letter.reviews.select_related("by"),
            "may_write": sending.may_write(user, letter.case),
            "may_review": sending.may_review(user),
            "cannot_send": sending.cannot_send(letter),
        },
    )


def _step(request, reference, pk, allowed, form, title, button, run, done, hint=""):
    """A page that takes one step with a letter: the rule refuses with a message, shown on the form."""
    letter = _letter(request, reference, pk)
    if not allowed(request.user, letter.case):
        raise Http404
    back = reverse("correspondence:letter", kwargs={"reference": reference, "pk": pk})
    if request.method == "POST" and form.is_valid():
        try:
            run(letter, form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request,
        "correspondence/letter_form.html",
        {
            "case": letter.case,
            "letter": letter,
            "form": form,
            "title": title,
            "button": button,
            "back": back,
            "hint": hint,
        },
    )


@case_reader_required
@unless_anonymised
def edit(request, reference, pk):
    letter = _letter(request, reference, pk)
    form = LetterEditForm(request.POST or None, instance=CaseLetter.objects.get(pk=letter.pk))
    return _step(
        request,
        reference,
        pk,
        sending.may_write,
        form,
        "Change the letter",
        "Save the letter",
        lambda letter, data: sending.edit(letter, by=request.user, subject=data["subject"], text=data["text"]),
        "Letter saved",
    )


@case_reader_required
@unless_anonymised
def submit(request, reference, pk):
    return _step(
        request,
        reference,
        pk,
        sending.may_write,
        SubmitForm(request.POST or None),
        "Submit the response for approval",
        "Submit for approval",
        lambda letter, data: sending.submit(letter, by=request.user),
        "Response submitted for approval",
        hint="A manager or complaints officer will check it, then approve it or return it with comments.",
    )


@case_reader_required
@unless_anonymised
def review(request, reference, pk):
    def run(letter, data):
        sending.decide(letter, by=request.user, approve=data["decision"] == "approve", comment=data["comment"])

    form = ReviewForm(request.POST or None)
    decided = "Response approved" if form.data.get("decision") == "approve" else "Response returned with comments"
    return _step(
        request,
        reference,
        pk,
        lambda user, case: sending.may_review(user),
        form,
        "Check the response",
        "Save the decision",
        run,
        decided,
    )


@case_reader_required
@unless_anonymised
def send(request, reference, pk):
    letter = _letter(request, reference, pk)
    form = SendForm(request.POST or None, address=sending.email_address(letter))
    return _step(
        request,
        reference,
        pk,
        sending.may_write,
        form,
        "Send the letter",
        "Send",
        lambda letter, data: sending.send(letter, by=request.user, how=data["how"]),
        "Letter sent",
        hint=sending.cannot_send(letter),
    )
