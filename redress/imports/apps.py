from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "redress.imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        from . import audit  # noqa: F401  says on each imported case's trail where it came from
