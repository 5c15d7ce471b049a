from django.apps import AppConfig


class ConfigurationConfig(AppConfig):
    name = "redress.configuration"
    verbose_name = "Council configuration"
