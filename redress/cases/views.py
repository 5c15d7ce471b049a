from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Upper
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from redress.accounts.decorators import case_editor_required, case_reader_required, unless_anonymised
from redress.accounts.models import Role
from redress.audit.trail import history_for_case, record_view
from redress.configuration.models import Council
from redress.correspondence import sending as letters
from redress.intake.files import save_attachment
from redress.learning.models import LearningAction
from redress.learning.views import learning_context
from redress.ombudsman import figures as ombudsman_figures

from .actions import ACTIONS, CASE_HANDLERS, RemedyForm, RestrictionForm, StageFindingsForm
from .casefile import ContactForm, DocumentForm, may_add_to, timeline
from .export import case_list_workbook, record_export
from .filters import CaseFilterForm
from .findings import findings_by_stage
from .forms import INELIGIBLE, ConcernFormSet, PersonForm, RepresentationForm
from .models import Kind, Representation, Restriction
from .paging import BadPageLink, case_page
from .queues import queue_counts
from .workflow import (
    acknowledgement,
    deadline_notes,
    panel_met,
    rag,
    recompute,
    recorded_by_staff,
    six_month_limit,
)


def _get_case_for_user(user, reference: str) -> Representation:
    """The case, if this user may see it; otherwise 404, whether or not it exists."""
    cases = Representation.objects.visible_to(user).select_related(
        "procedure",
        "method",
        "point_of_receipt",
        "service_area",
        "complainant",
        "service_user",
        "relationship",
        "su_ethnicity__parent",
        "su_primary_support_reason__parent",
        "investigating_officer",
    )
    return get_object_or_404(cases, reference=reference)


@login_required
def home(request):
    if request.user.can_open_cases:
        return redirect("cases:dashboard")
    # Read-only reporting: numbers only, never an individual's case.
    year_start = Council.current().financial_year_start(timezone.localdate())
    counts = (
        Representation.objects.filter(received__gte=year_start)
        .values("kind")
        .annotate(total=Count("pk"), still_open=Count("pk", filter=Q(closed__isnull=True)))
        .order_by("kind")
    )
    labels = dict(Kind.choices)
    rows = [{**c, "kind": labels[c["kind"]]} for c in counts]
    return render(request, "cases/home_reporting.html", {"rows": rows, "year_start": year_start})


PAGING = ("page", "after", "before")
DOWNLOAD_UP_TO = 10_000


def _listed_cases(request):
    """The case list's filters, the cases they find among those this user may see, and the
    filters as a query string without the page."""
    form = CaseFilterForm(request.GET or None, user=request.user)
    visible = Representation.objects.visible_to(request.user)
    cases = visible.select_related("procedure", "complainant", "service_user", "service_area", "investigating_officer")
    query = request.GET.copy()
    for name in PAGING:
        query.pop(name, None)
    return form, form.apply(cases) if query else cases.order_by(*form.order()), query.urlencode()


def _listed_columns(cases):
    return cases.select_related("procedure", "complainant", "service_user", "service_area", "investigating_officer")


def _case_with_reference(user, text: str) -> Representation | None:
    """The case this user may see whose reference this is, in capitals or not."""
    return (
        Representation.objects.visible_to(user)
        .alias(reference_upper=Upper("reference"))
        .filter(reference_upper=text.upper())
        .first()
    )


@case_reader_required
def case_list(request):
    form, cases, query = _listed_cases(request)
    # A reference goes straight to its case.
    if query and form.is_valid() and (text := form.reference()) and (case := _case_with_reference(request.user, text)):
        return redirect(case)
    status, page_error = 200, None
    visible = _listed_columns(Representation.objects.visible_to(request.user))
    try:
        page = case_page(cases, form.order(), request.GET, visible)
    except BadPageLink:
        status, page_error = 400, "That page link no longer works. This is the first page of the list."
        page = case_page(cases, form.order(), QueryDict(query), visible)
    for case in page.cases:
        case.rag = rag(case)
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": bool(query),
            "page_error": page_error,
            "download_up_to": DOWNLOAD_UP_TO,
        },
        status=status,
    )


@case_reader_required
def case_list_download(request):
    form, cases, query = _listed_cases(request)
    if query and not form.is_valid():
        # The list shows what is wrong with the filters.
        return redirect(f"{reverse('cases:list')}?{query}")
    # A spreadsheet of the first DOWNLOAD_UP_TO in the list's order: the list page says so.
    cases = list(cases[:DOWNLOAD_UP_TO])
    record_export(request.user, [case.reference for case in cases], query)
    name = f"cases-{timezone.localdate():%Y-%m-%d}.xlsx"
    return HttpResponse(
        case_list_workbook(cases, "Cases"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@case_reader_required
def case_detail(request, reference):
    case = _get_case_for_user(request.user, reference)
    record_view(case)
    history = history_for_case(case)[:200] if request.user.can_read_audit else None
    may_write_letters = case.is_complaint and letters.may_write(request.user, case)
    return render(
        request,
        "cases/detail.html",
        {
            "actions": [(name, step.label) for name, step in ACTIONS.items() if step.allowed(request.user, case)],
            "timeline": timeline(case) if case.is_complaint else [],
            "contacts": case.contacts.select_related("recorded_by"),
            "may_add": may_add_to(request.user, case),
            "rag": rag(case),
            "acknowledgement": acknowledgement(case),
            "six_month_limit": six_month_limit(case),
            "deadline_notes": deadline_notes(case) if case.is_complaint else [],
            **(learning_context(case, request.user) if case.is_complaint else {}),
            "can_handle": case.is_complaint and request.user.role in CASE_HANDLERS,
            "restrictions": Restriction.objects.filter(
                person__in=[p for p in (case.complainant_id, case.service_user_id) if p], ended__isnull=True
            ).select_related("person"),
            "case": case,
            "may_write_letters": may_write_letters,
            "letter_prompt": letters.letter_prompt(case) if may_write_letters else None,
            "concerns": case.concerns.select_related("category", "subcategory__parent"),
            "stage_findings": findings_by_stage(case) if case.is_complaint else [],
            "panel_members": case.panel_members.all(),
            "panel_met": panel_met(case),
            "recommendations": case.panel_recommendations.all(),
            "history": history,
        },
    )


@case_editor_required
def choose_kind(request):
    error = None
    if "kind" in request.GET:
        if request.GET["kind"] in Kind.values:
            return redirect("cases:create", kind=request.GET["kind"])
        error = "Select what you are recording"
    return render(request, "cases/choose_kind.html", {"kinds": Kind.choices, "error": error})


@case_editor_required
def case_create(request, kind):
    if kind not in Kind.values:
        return redirect("cases:new")
    return _edit(request, Representation(kind=kind, created_by=request.user))


@case_editor_required
@unless_anonymised
def case_edit(request, reference):
    return _edit(request, _get_case_for_user(request.user, reference))


def _edit(request, case: Representation):
    kind = case.kind
    is_complaint = kind == Kind.COMPLAINT
    data = request.POST if request.method == "POST" else None
    form = RepresentationForm(data, instance=case, kind=kind)
    complainant_form = PersonForm(data, instance=case.complainant, prefix="complainant")
    service_user_form = (
        PersonForm(data, instance=case.service_user if case.for_someone_else else None, prefix="service_user")
        if is_complaint
        else None
    )
    procedure_code = case.procedure.code if case.procedure_id else None
    concerns = (
        ConcernFormSet(data, instance=case, prefix="concerns", form_kwargs={"procedure_code": procedure_code})
        if is_complaint
        else None
    )
    parts = [f for f in (form, complainant_form, service_user_form, concerns) if f is not None]

    # Validate every part (no short-circuit), so that one submission shows every error at once.
    valid = [part.is_valid() for part in parts]
    if request.method == "POST" and valid[0]:
        for person in (complainant_form, service_user_form):
            if person is not None and person.is_valid():
                person.check_born_before(form.received_date())
        if concerns is not None and form.cleaned_data.get("route") != INELIGIBLE:
            concerns.check_procedure(form.cleaned_data.get("route") or procedure_code)
    if request.method == "POST" and all(part.is_valid() for part in parts):
        with transaction.atomic():
            case = _save(form, complainant_form, service_user_form, concerns)
        messages.success(request, f"{case.get_kind_display()} {case.reference} saved")
        return redirect(case)

    errors = [part for part in (form, complainant_form, service_user_form) if part is not None and part.errors]
    return render(
        request,
        "cases/edit.html",
        {
            "case": case,
            "form": form,
            "complainant_form": complainant_form,
            "service_user_form": service_user_form,
            "concerns": concerns,
            "is_complaint": is_complaint,
            "forms_with_errors": errors,
            "concern_errors": concerns is not None and any(concerns.errors),
        },
    )


def _save(form, complainant_form, service_user_form, concerns) -> Representation:
    case = form.save(commit=False)
    complainant = complainant_form.save() if complainant_form.has_content() or complainant_form.instance.pk else None
    case.complainant = complainant
    if service_user_form is not None:
        if form.cleaned_data.get("same_person") is False and (
            service_user_form.has_content() or service_user_form.instance.pk
        ):
            service_user = service_user_form.save()
        else:
            service_user = complainant
        case.service_user = service_user
        if service_user and service_user.date_of_birth:
            case.su_age = service_user.age_on(case.received)
    # The route and the date received set the deadlines (a new record's, or an untriaged one's).
    # Other kinds have no deadlines: their procedure only says which annual report counts them.
    if case.is_complaint:
        recompute(case)
    new = case.pk is None
    case.save()
    form.save_m2m()
    if new:
        recorded_by_staff(case, by=case.created_by)
    if concerns is not None:
        concerns.instance = case
        concerns.save()
    return case


@case_reader_required
@unless_anonymised
def case_action(request, reference, action):
    case = _get_case_for_user(request.user, reference)
    step = ACTIONS.get(action)
    if step is None or not step.allowed(request.user, case):
        raise Http404
    form = step.form(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            result = step.run(case, by=request.user, **form.arguments())
        except ValidationError as error:
            case.refresh_from_db()  # the rule refused the change: show the case as it is stored
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"{step.label}: done")
            # Some rules allow a step but have something to say about it (an extension past six months).
            for warning in result if isinstance(result, list) else []:
                messages.warning(request, warning)
            return redirect(case)
    return render(request, "cases/action.html", {"case": case, "form": form, "step": step})


@case_reader_required
def dashboard(request):
    today = timezone.localdate()
    visible = Representation.objects.visible_to(request.user)
    scopes = [("mine", "My cases")]
    if request.user.role == Role.MANAGER:
        scopes.append(("team", "My team's cases"))
    if request.user.sees_all_cases or request.user.role == Role.MANAGER:
        scopes.append(("", "The whole service" if request.user.sees_all_cases else "Everything I can see"))
    found = queue_counts(visible, today, [scope for scope, _ in scopes], request.user)
    panels = [{"scope": scope, "title": title, **found[scope]} for scope, title in scopes]
    overdue_learning = LearningAction.objects.for_user(request.user).overdue(today).count()
    context = {"panels": panels, "today": today, "overdue_learning": overdue_learning}
    return render(
        request, "cases/dashboard.html", {**context, "ombudsman": ombudsman_figures.dashboard(request.user, today)}
    )


def _handler(request, reference) -> Representation:
    """A complaint this user may record findings and remedies on."""
    case = _get_case_for_user(request.user, reference)
    if not case.is_complaint or request.user.role not in CASE_HANDLERS:
        raise Http404
    return case


@case_reader_required
@unless_anonymised
def case_findings(request, reference):
    """A stage's findings: the current stage's, or an earlier one's (?stage=1)."""
    case = _handler(request, reference)
    asked = request.GET.get("stage", "")
    stage = int(asked) if asked in {str(n) for n in range(1, case.stage + 1)} else case.stage
    form = StageFindingsForm(request.POST or None, case=case, stage=stage)
    provider = request.POST.get("provider_fault") == "on" if request.method == "POST" else case.provider_fault
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            case.provider_fault = provider
            case.save(update_fields=["provider_fault", "updated"])
        messages.success(request, f"Stage {stage} findings saved")
        return redirect(case)
    return render(
        request,
        "cases/findings.html",
        {"case": case, "form": form, "stage": stage, "stages": range(1, case.stage + 1), "provider_fault": provider},
    )


@case_reader_required
@unless_anonymised
def case_remedy(request, reference):
    case = _handler(request, reference)
    form = RemedyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            remedy = form.save(commit=False)
            remedy.case, remedy.recorded_by = case, request.user
            remedy.save()
            case.update_remedy_total()
        messages.success(request, f"Remedy recorded: {remedy}")
        return redirect(case)
    return render(
        request,
        "cases/simple_form.html",
        {"case": case, "form": form, "title": "Record a remedy", "button": "Record remedy"},
    )


@case_editor_required
@unless_anonymised
def person_restriction(request, reference):
    case = _get_case_for_user(request.user, reference)
    if not case.complainant:
        raise Http404
    form = RestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        restriction = form.save(commit=False)
        restriction.person, restriction.decided_by = case.complainant, request.user
        restriction.save()
        messages.success(request, f"Contact with {case.complainant} restricted")
        return redirect(case)
    return render(
        request,
        "cases/simple_form.html",
        {
            "case": case,
            "form": form,
            "button": "Restrict contact",
            "title": f"Restrict contact with {case.complainant}",
            "hint": "For unreasonably persistent contact. The restriction shows on every case this person is part of.",
        },
    )


def _case_file(request, reference) -> Representation:
    """A case this user may add contacts, notes and documents to."""
    case = _get_case_for_user(request.user, reference)
    if not may_add_to(request.user, case):
        raise Http404
    return case


@case_reader_required
@unless_anonymised
def add_contact(request, reference):
    case = _case_file(request, reference)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.case, contact.recorded_by = case, request.user
        contact.save()
        messages.success(request, f"{contact} added to the contact log")
        return redirect(f"{case.get_absolute_url()}#contacts")
    return render(
        request,
        "cases/simple_form.html",
        {"case": case, "form": form, "title": "Add to the contact log", "button": "Add to the contact log"},
    )


@case_reader_required
@unless_anonymised
def add_document(request, reference):
    case = _case_file(request, reference)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            # Checked, scanned and stored as the files the public send are, refused in the same words.
            document = save_attachment(
                form.cleaned_data["file"],
                case=case,
                description=form.cleaned_data["description"],
                uploaded_by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"{document.name} added")
            return redirect(f"{case.get_absolute_url()}#files")
    return render(
        request,
        "cases/simple_form.html",
        {"case": case, "form": form, "title": "Add a document", "button": "Upload"},
    )
