from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "redress.reporting"
    verbose_name = "Reports"
