from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "redress.intake"
    verbose_name = "Online form and case tracking"

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  puts documents and added information on the audit trail
            checks,  # noqa: F401  the virus scanner check of `check --deploy`
        )
