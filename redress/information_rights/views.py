"""The information requests register. Only administrators and complaints officers, who see
every case, handle requests: anyone else gets a 404 (accounts.decorators)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.accounts.decorators import case_editor_required
from redress.audit.trail import record_view
from redress.retention.anonymising import CannotAnonymise

from . import erasure
from .forms import CloseForm, DecisionForm, ExtensionForm, RequestForm, SearchForm, SelectionForm
from .models import Bundle, BundleStatus, IncludedCase, InformationRequest, RequestKind, Status
from .search import find_person, ombudsman_cases_of
from .tasks import build_bundle

# Every page handles requests; the decorator is the check.
handler_required = case_editor_required


def _request(pk: int) -> InformationRequest:
    return get_object_or_404(InformationRequest.objects.select_related("handler"), pk=pk)


@handler_required
def register(request):
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    requests = InformationRequest.objects.select_related("handler")
    if show != "all":
        show, requests = "open", requests.open()
    rows = [(r, r.is_overdue(today)) for r in sorted(requests, key=lambda r: (r.status != Status.OPEN, r.due))]
    overdue = sum(late for _, late in rows)
    return render(request, "information_rights/register.html", {"rows": rows, "show": show, "overdue": overdue})


@handler_required
def create(request):
    form = RequestForm(request.POST or None, initial={"handler": request.user})
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.created_by = request.user
        item.save()
        messages.success(request, f"Request {item.number} added: answer by {item.due:%-d %B %Y}")
        return redirect("information_rights:search", pk=item.pk)
    return _form(request, form, "Record an information request", None)


def _form(request, form, title: str, item: InformationRequest | None, button: str = "Save", hint: str = ""):
    return render(
        request,
        "information_rights/form.html",
        {"form": form, "title": title, "item": item, "button": button, "hint": hint},
    )


def history(item: InformationRequest):
    """The audit entries of the request, the cases chosen for it and its bundles, newest first."""
    types = ContentType.objects.get_for_models(InformationRequest, IncludedCase, Bundle)
    query = Q(content_type=types[InformationRequest], object_id=item.pk) | Q(
        content_type__in=[types[IncludedCase], types[Bundle]], additional_data__information_request=item.pk
    )
    return LogEntry.objects.filter(query).select_related("actor", "content_type").order_by("-timestamp", "-pk")


@handler_required
def detail(request, pk):
    item = _request(pk)
    record_view(item)
    included = list(item.cases.select_related("case", "decided_by"))
    suggestions = {}
    if item.kind == RequestKind.ERASURE:
        suggestions = {i.pk: erasure.suggested_refusal(i.case) for i in included if i.case and not i.decision}
    return render(
        request,
        "information_rights/detail.html",
        {
            "item": item,
            "overdue": item.is_overdue(timezone.localdate()),
            "included": [(i, suggestions.get(i.pk)) for i in included],
            "ombudsman": ombudsman_cases_of([i.case_id for i in included if i.case_id]),
            "bundles": item.bundles.select_related("created_by")[:5],
            "history": history(item)[:200],
            "can_erase": item.kind == RequestKind.ERASURE
            and any(i.decision == "erase" and not i.erased and i.case_id for i in included),
        },
    )


@handler_required
def edit(request, pk):
    item = _request(pk)
    form = RequestForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Request {item.number} saved")
        return redirect(item)
    return _form(request, form, "Change the request", item)


@handler_required
def search(request, pk):
    item = _request(pk)
    record_view(item)
    initial = {
        "name": item.subject_name,
        "email": item.email,
        "date_of_birth": item.date_of_birth,
        "reference": item.reference,
    }
    form = SearchForm(request.GET if "name" in request.GET else None, initial=initial)
    keys = form.cleaned_data if form.is_bound and form.is_valid() else (None if form.is_bound else initial)
    matches = find_person(**keys) if keys and any(keys[k] for k in ("name", "email", "reference")) else []
    chosen = {str(pk) for pk in item.cases.values_list("case", flat=True)}
    selection = SelectionForm(
        request.POST or None,
        matches=matches,
        initial={"cases": chosen or [str(m.case.pk) for m in matches if m.strong]},
    )
    if request.method == "POST" and selection.is_valid():
        _choose(item, [m for m in matches if str(m.case.pk) in selection.cleaned_data["cases"]])
        messages.success(request, f"{len(selection.cleaned_data['cases'])} case(s) included in {item.number}")
        return redirect(item)
    return render(
        request,
        "information_rights/search.html",
        {"item": item, "form": form, "selection": selection, "matches": matches, "searched": keys is not None},
    )


@transaction.atomic
def _choose(item: InformationRequest, matches) -> None:
    keep = {m.case.pk for m in matches}
    # A case with a decision recorded stays: its decision is part of the register.
    item.cases.exclude(case__in=keep).filter(decision="").delete()
    for match in matches:
        included, _ = IncludedCase.objects.update_or_create(
            request=item,
            case=match.case,
            defaults={"case_reference": match.case.reference, "matched_on": match.summary()},
        )
        included.people.set(match.people)


@handler_required
def extend(request, pk):
    item = _request(pk)
    if item.status != Status.OPEN:
        raise Http404
    form = ExtensionForm(request.POST or None, request=item)
    if request.method == "POST" and form.is_valid():
        item.extension_months += form.cleaned_data["months"]
        reason = form.cleaned_data["reason"].strip()
        item.extension_reason = "\n\n".join(filter(None, [item.extension_reason, reason]))
        item.save(update_fields=["extension_months", "extension_reason"])
        messages.success(request, f"Extended: answer by {item.due:%-d %B %Y}")
        return redirect(item)
    hint = f"Due now {item.due:%-d %B %Y}. An extension runs from the date received, {item.received:%-d %B %Y}."
    return _form(request, form, "Extend the time to answer", item, "Extend", hint)


@handler_required
def decide(request, pk, included_pk):
    item = _request(pk)
    included = get_object_or_404(item.cases, pk=included_pk, case__isnull=False)
    if item.kind != RequestKind.ERASURE or included.erased:
        raise Http404
    suggestion = erasure.suggested_refusal(included.case)
    initial = {"decision": "refuse", "ground": suggestion[0], "explanation": suggestion[1]} if suggestion else {}
    if included.decision:
        initial = {"decision": included.decision, "ground": included.ground, "explanation": included.explanation}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        erasure.decide(included, by=request.user, **form.cleaned_data)
        messages.success(request, f"Decision recorded for {included.case_reference}")
        return redirect(item)
    return _form(request, form, f"Erase {included.case_reference}?", item, "Record decision")


@require_POST
@handler_required
def erase(request, pk):
    item = _request(pk)
    if item.kind != RequestKind.ERASURE:
        raise Http404
    try:
        done = erasure.carry_out(item, by=request.user)
    except CannotAnonymise as error:
        messages.error(request, str(error))
        return redirect(item)
    messages.success(request, f"{len(done)} case(s) erased. The outcome letter is ready to check.")
    return redirect(item)


@handler_required
def close(request, pk):
    item = _request(pk)
    if not item.outcome_letter:
        item.outcome_letter = erasure.outcome_letter(item)
    form = CloseForm(
        request.POST or None,
        instance=item,
        initial={"status": Status.COMPLETED, "closed": item.closed or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Request {item.number} closed")
        return redirect(item)
    return _form(request, form, "Close the request", item, "Close request")


@require_POST
@handler_required
def prepare_bundle(request, pk):
    item = _request(pk)
    if item.kind != RequestKind.ACCESS:
        raise Http404
    if item.bundles.filter(status__in=[BundleStatus.QUEUED, BundleStatus.BUILDING]).exists():
        messages.error(request, "A bundle is already being prepared")
        return redirect(item)
    bundle = Bundle.objects.create(request=item, created_by=request.user)
    build_bundle.enqueue(bundle.pk)
    return redirect(item)


@never_cache
@handler_required
def download(request, pk, bundle_pk):
    bundle = get_object_or_404(Bundle, pk=bundle_pk, request_id=pk, status=BundleStatus.READY)
    record_view(bundle)
    return FileResponse(bundle.file.open("rb"), as_attachment=True, filename=bundle.filename)
