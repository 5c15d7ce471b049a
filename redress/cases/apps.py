from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "redress.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  registers the case models with the audit trail
            search,  # noqa: F401  keeps the search index as cases and people are saved
        )
