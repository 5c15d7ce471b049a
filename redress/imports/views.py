from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.accounts.decorators import case_editor_required

from .forms import LabelMappingForm, UploadForm
from .labels import keep_mappings
from .models import ImportJob, ImportStatus, file_sha256
from .tasks import check_import, commit_import


@case_editor_required
def index(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload: UploadedFile = form.cleaned_data["file"]
        job = ImportJob(
            kind=form.cleaned_data["kind"],
            original_name=upload.name[:255],
            strict=form.cleaned_data["strict"],
            uploaded_by=request.user,
        )
        job.file.save(f"upload{'.xlsx' if upload.name.lower().endswith('.xlsx') else '.csv'}", upload, save=False)
        job.sha256 = file_sha256(job.file.path)
        job.save()
        check_import.enqueue(job.pk)
        return redirect("imports:detail", pk=job.pk)
    jobs = ImportJob.objects.select_related("uploaded_by")[:20]
    return render(request, "imports/index.html", {"form": form, "jobs": jobs})


def _job(request, pk) -> ImportJob:
    return get_object_or_404(ImportJob, pk=pk)


@case_editor_required
def detail(request, pk):
    return _detail(request, _job(request, pk))


def _detail(request, job: ImportJob, mapping: LabelMappingForm | None = None, status: int = 200):
    result = job.result if job.status in {ImportStatus.IMPORTED, ImportStatus.REJECTED} and job.result else job.preview
    if mapping is None and job.status == ImportStatus.CHECKED:
        mapping = LabelMappingForm(new_labels=(result or {}).get("new_labels", {}))
    return render(request, "imports/detail.html", {"job": job, "result": result, "mapping": mapping}, status=status)


@case_editor_required
def progress(request, pk):
    job = _job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "running": job.is_running,
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "percent": job.percent_done,
        }
    )


@require_POST
@case_editor_required
def confirm(request, pk):
    job = _job(request, pk)
    if job.status != ImportStatus.CHECKED:
        raise Http404
    if job.earlier_import():
        messages.error(request, "This file has already been imported.")
        return redirect("imports:detail", pk=job.pk)
    mapping = LabelMappingForm(request.POST, new_labels=(job.preview or {}).get("new_labels", {}))
    if not mapping.is_valid():
        return _detail(request, job, mapping)
    # Kept before the import runs, which then finds them; they stay for the next file.
    keep_mappings(mapping.aliases())
    # Marked as importing before the worker picks it up, so the page shows progress at once
    # and a second press of the button cannot queue the import twice.
    job.status = ImportStatus.IMPORTING
    job.save(update_fields=["status"])
    job.report_progress(0)
    commit_import.enqueue(job.pk)
    return redirect("imports:detail", pk=job.pk)
