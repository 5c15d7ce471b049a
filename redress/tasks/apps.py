from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "redress.tasks"
    verbose_name = "Tasks on cases"

    def ready(self) -> None:
        from . import audit  # noqa: F401  registers tasks with the audit trail
