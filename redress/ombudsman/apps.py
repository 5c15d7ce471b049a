from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "redress.ombudsman"
    verbose_name = "Ombudsman cases"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Document, OmbudsmanCase, OmbudsmanSettings, Recommendation, StageRecord

        auditlog.register(OmbudsmanCase, m2m_fields={"complaints"})
        auditlog.register(StageRecord)
        auditlog.register(Recommendation)
        auditlog.register(Document, exclude_fields=["file"])
        auditlog.register(OmbudsmanSettings)
