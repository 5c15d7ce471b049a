from redress.audit.registry import OPENED, register

from .models import ReportDownload

register(
    ReportDownload,
    noun="Report download",
    exclude_fields=["file"],
    hidden={"query", "requested_by", "created"},
    phrases={OPENED: "Report downloaded: {name}"},
)
