from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "redress.retention"
    verbose_name = "Keeping records"

    def ready(self) -> None:
        from . import audit  # noqa: F401  puts holds and anonymisations on their case's audit trail
