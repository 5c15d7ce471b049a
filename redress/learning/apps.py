from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "redress.learning"
    verbose_name = "Learning from complaints"

    def ready(self) -> None:
        from . import audit  # noqa: F401  registers learning actions with the audit trail
