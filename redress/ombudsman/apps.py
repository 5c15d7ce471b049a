from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "redress.ombudsman"
    verbose_name = "Ombudsman cases"
