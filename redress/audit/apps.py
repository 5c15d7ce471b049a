from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "redress.audit"
    verbose_name = "Audit trail"
