from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "redress.performance"
    verbose_name = "Adult social care performance"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Commentary, Comparator, Indicator, IndicatorValue

        auditlog.register(Indicator)
        auditlog.register(IndicatorValue)
        auditlog.register(Comparator)
        auditlog.register(Commentary)
