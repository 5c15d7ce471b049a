from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "redress.correspondence"
    verbose_name = "Letters"

    def ready(self) -> None:
        from . import audit  # noqa: F401  puts the letters produced for a case on its audit trail
