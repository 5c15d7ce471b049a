from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "redress.correspondence"
    verbose_name = "Letters"
