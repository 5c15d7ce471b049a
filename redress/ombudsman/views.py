"""The link officer's screens. Object-level checks live on `OmbudsmanCase.objects.visible_to`,
so a case someone may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from redress.accounts.decorators import case_reader_required, ombudsman_handler_required
from redress.audit.trail import history_for_ombudsman_case, record_view
from redress.configuration.models import Council, current_financial_year, financial_year, financial_year_label
from redress.imports.readers import FileProblems, ImportFileError, uploaded_table
from redress.intake import files
from redress.intake.files import save_attachment
from redress.views import save_form

from . import figures, workflow
from .forms import (
    AnswerForm,
    CaseForm,
    DecisionForm,
    DocumentForm,
    RecommendationForm,
    ReferBackForm,
    SettingsForm,
    StageForm,
    StatisticsForm,
)
from .models import (
    Document,
    OmbudsmanCase,
    OmbudsmanSettings,
    PeerStatistics,
    Recommendation,
    StageRecord,
    decision_label,
)
from .statistics import import_statistics, peer_table


def _case(request, pk: int) -> OmbudsmanCase:
    return get_object_or_404(OmbudsmanCase.objects.visible_to(request.user), pk=pk)


def _handled_case(request, pk: int) -> OmbudsmanCase:
    if not request.user.handles_ombudsman:
        raise Http404
    return _case(request, pk)


def _asked_year(request) -> int | None:
    """The financial year in the address, if it is one Redress could hold figures for."""
    text = request.GET.get("year", "")
    return int(text) if text.isdecimal() and 2000 <= int(text) <= 2100 else None


def _year(request) -> int:
    """The financial year asked for, or the current one."""
    return _asked_year(request) or current_financial_year()


@ombudsman_handler_required
def index(request):
    today = timezone.localdate()
    year = _year(request)
    start, end = financial_year(year)
    open_cases = (
        OmbudsmanCase.objects.open()
        .select_related("procedure", "link_officer")
        .prefetch_related(
            Prefetch("stages", queryset=StageRecord.objects.with_deadlines(today)), "recommendations", "complaints"
        )
        .order_by("received")
    )
    decided = figures.decided_between(start, end)
    summary = figures.summarise(decided)
    first = OmbudsmanCase.objects.order_by("received").values_list("received", flat=True).first() or today
    years = range(current_financial_year(), Council.current().financial_year_start(first).year - 1, -1)
    return render(
        request,
        "ombudsman/index.html",
        {
            "open_cases": open_cases,
            "remedies": Recommendation.objects.outstanding()
            .with_deadlines(today)
            .select_related("case", "owner")
            .order_by("due", "pk"),
            "year": year,
            "year_label": financial_year_label(year),
            "years": [(y, financial_year_label(y)) for y in years],
            "figures": summary,
            "decision_rows": [(decision_label(code), n) for code, n in summary["decisions"].items()],
            "paid": figures.paid(decided),
            "responses": figures.responses(start, end),
        },
    )


@ombudsman_handler_required
def create(request):
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            case = workflow.open_case(
                ombudsman_due=form.cleaned_data["ombudsman_due"],
                received=form.cleaned_data["received"],
                **{name: form.cleaned_data[name] for name in CaseForm.Meta.fields},
            )
            case.complaints.set(form.cleaned_data["complaint_references"])
        messages.success(request, f"Ombudsman case {case.reference} added")
        return redirect(case)
    return render(request, "ombudsman/form.html", {"form": form, "title": "Add an Ombudsman case"})


@case_reader_required
def detail(request, pk):
    case = _case(request, pk)
    record_view(case)
    today = timezone.localdate()
    recommendations = case.recommendations.with_deadlines(today).select_related("owner")
    handler = request.user.handles_ombudsman
    return render(
        request,
        "ombudsman/detail.html",
        {
            "case": case,
            "stages": case.stages.with_deadlines(today),
            "current": case.current_stage,
            "recommendations": recommendations,
            "documents": case.documents.select_related("uploaded_by"),
            "complaints": case.complaints.all(),
            "handler": handler,
            "next_stages": workflow.next_stages(case),
            "document_form": DocumentForm(),
            "monitoring_officer_email": OmbudsmanSettings.current().monitoring_officer_email,
            "history": history_for_ombudsman_case(case)[:200] if request.user.can_read_audit else None,
            "history_of": "Ombudsman case",
        },
    )


@ombudsman_handler_required
def edit(request, pk):
    case = _case(request, pk)
    form = CaseForm(request.POST or None, instance=case)
    context = {"case": case, "title": "Change the details"}
    return save_form(request, form, "ombudsman/form.html", "Details saved", case, context)


def _step(request, pk, make_form, title: str, button: str, act, hint: str = ""):
    """A one-form step on a case: show it, run the rule on a valid post and go where it says,
    or show the rule's error. `act` returns the message and where to go next."""
    case = _handled_case(request, pk)
    form = make_form(case, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                done, then = act(case, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(then)
    context = {"form": form, "case": case, "title": title, "button": button, "hint": hint}
    return render(request, "ombudsman/form.html", context)


@ombudsman_handler_required
def next_stage(request, pk):
    def act(case, data):
        record = workflow.start_stage(case, data["stage"], data["started"], data["ombudsman_due"])
        return f"{record.get_stage_display()} started: our deadline is {record.internal_due:%-d %B %Y}", case

    return _step(request, pk, lambda case, data: StageForm(data, case=case), "Move to the next stage", "Save", act)


@ombudsman_handler_required
def answer(request, pk):
    def act(case, data):
        stage = workflow.record_response(case, data["responded"])
        return f"Answer recorded: {'late' if stage.late else 'on time'} for the Ombudsman's deadline", case

    return _step(request, pk, lambda case, data: AnswerForm(data), "Record our answer to the Ombudsman", "Save", act)


@ombudsman_handler_required
def decision(request, pk):
    def act(case, data):
        if case.decided:
            raise ValidationError("The final decision is already recorded")
        workflow.record_decision(case, data["decision"], data["decided"], data["public_report"], timezone.localdate())
        if case.needs_monitoring_officer and not case.monitoring_officer_told:
            return (
                "Decision recorded. The Monitoring Officer has not been told: add their email address in settings",
                case,
            )
        told = " and the Monitoring Officer told" if case.monitoring_officer_told else ""
        return f"Decision recorded{told}", case

    return _step(request, pk, lambda case, data: DecisionForm(data), "Record the final decision", "Save decision", act)


@ombudsman_handler_required
def refer_back(request, pk):
    def act(case, data):
        complaint = workflow.refer_back(case, data["referred"])
        started = f"Referred back: complaint {complaint.reference} started at stage 1"
        return f"{started}. Check the complainant's details.", complaint

    return _step(
        request,
        pk,
        lambda case, data: ReferBackForm(data),
        "Referred back for local resolution",
        "Start the complaint",
        act,
        hint="The Ombudsman found the complaint premature. Saving starts our own complaint procedure: a new "
        "complaint received on this date, with its deadlines, linked to this case.",
    )


@require_POST
@ombudsman_handler_required
def tell_monitoring_officer(request, pk):
    case = _case(request, pk)
    if not case.needs_monitoring_officer:
        raise Http404
    if workflow.tell_monitoring_officer(case, timezone.localdate()):
        messages.success(request, f"Email to the Monitoring Officer ({case.monitoring_officer_email}) queued")
    else:
        messages.error(request, "Add the Monitoring Officer's email address in Ombudsman settings first")
    return redirect(case)


@case_reader_required
def recommendation(request, pk, recommendation_pk=None):
    """The link officer records what the Ombudsman asked for; its owner records what was done."""
    case = _case(request, pk)
    handler = request.user.handles_ombudsman
    if recommendation_pk:
        instance = get_object_or_404(case.recommendations, pk=recommendation_pk)
        if not handler and instance.owner_id != request.user.pk:
            raise Http404
    elif handler:
        instance = Recommendation(case=case, due=workflow.default_remedy_due(case))
    else:
        raise Http404
    form = RecommendationForm(request.POST or None, instance=instance, owner_only=not handler)
    title = "Add a recommendation" if not recommendation_pk else f"Remedy: {instance}"
    return save_form(request, form, "ombudsman/form.html", "Remedy saved: {}", case, {"case": case, "title": title})


@require_POST
@case_reader_required
def upload(request, pk):
    case = _case(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = save_attachment(
                form.cleaned_data["file"], Document, case=case, kind=form.cleaned_data["kind"], uploaded_by=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"{document.name} added")
            return redirect(f"{case.get_absolute_url()}#documents")
    return render(
        request, "ombudsman/form.html", {"form": form, "case": case, "title": "Add a document", "button": "Upload"}
    )


@case_reader_required
def download(request, pk, document_pk):
    case = _case(request, pk)
    document = get_object_or_404(Document, pk=document_pk, case=case)
    return files.download(request, document, back_url=f"{case.get_absolute_url()}#documents")


@ombudsman_handler_required
def benchmarking(request):
    years = list(PeerStatistics.objects.order_by("-year").values_list("year", flat=True).distinct())
    this_year = current_financial_year()
    year = _asked_year(request) or (years[0] if years else None)
    choices = [(y, financial_year_label(y)) for y in range(this_year, this_year - 6, -1)]
    form = StatisticsForm(request.POST or None, request.FILES or None, years=choices, initial={"year": this_year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            with uploaded_table(form.cleaned_data["file"]) as table:
                count = import_statistics(table, form.cleaned_data["year"])
        except ImportFileError as error:
            form.add_error("file", str(error))
        except FileProblems as error:
            for problem in error.problems[:50]:
                form.add_error("file", problem)
        else:
            year = form.cleaned_data["year"]
            messages.success(request, f"Statistics for {count} councils in {financial_year_label(year)} imported")
            return redirect(f"{request.path}?year={year}")
    return render(
        request,
        "ombudsman/benchmarking.html",
        {
            "form": form,
            "table": peer_table(year) if year else None,
            "year_label": financial_year_label(year) if year else "",
            "years": [(y, financial_year_label(y)) for y in years],
            "year": year,
        },
    )


@ombudsman_handler_required
def settings_page(request):
    form = SettingsForm(request.POST or None, instance=OmbudsmanSettings.current())
    context = {"title": "Ombudsman settings"}
    return save_form(request, form, "ombudsman/form.html", "Ombudsman settings saved", "ombudsman:index", context)
