from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "redress.procedures"
    verbose_name = "Procedures and working days"
