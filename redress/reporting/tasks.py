from django_tasks import task

from .downloads import build
from .models import ReportDownload


@task()
def build_report_download(download_id: int) -> None:
    build(ReportDownload.objects.get(pk=download_id))
