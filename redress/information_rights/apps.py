from django.apps import AppConfig


class InformationRightsConfig(AppConfig):
    name = "redress.information_rights"
    verbose_name = "Information requests"

    def ready(self) -> None:
        from . import audit  # noqa: F401  puts the requests, their decisions and bundles on the audit trail
