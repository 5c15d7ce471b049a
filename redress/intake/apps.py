from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "redress.intake"
    verbose_name = "Online form and case tracking"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Attachment, Contribution

        auditlog.register(Attachment, exclude_fields=["file", "draft"])
        auditlog.register(Contribution)
