from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "redress.ombudsman"
    verbose_name = "Ombudsman cases"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from redress.audit.registry import register

        from .models import Document, OmbudsmanCase, OmbudsmanSettings, Recommendation, StageRecord

        # Linking a complaint to an Ombudsman case shows on the complaint's trail too.
        register(OmbudsmanCase, m2m_fields={"complaints"}, to_case=("complaints",), only_changes_to="complaints")
        auditlog.register(StageRecord)
        auditlog.register(Recommendation)
        auditlog.register(Document, exclude_fields=["file"])
        auditlog.register(OmbudsmanSettings)
