from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "redress.reporting"
    verbose_name = "Reports"

    def ready(self):
        from . import audit  # noqa: F401  puts the report downloads built by the worker on the audit trail
