from django_tasks import task

from .models import ImportJob
from .services import check_job, commit_job


@task()
def check_import(job_id: int) -> None:
    check_job(ImportJob.objects.get(pk=job_id))


@task()
def commit_import(job_id: int) -> None:
    commit_job(ImportJob.objects.get(pk=job_id))
