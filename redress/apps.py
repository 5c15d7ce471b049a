from django.apps import AppConfig


class RedressConfig(AppConfig):
    """Shared templates, form widgets and template tags."""

    name = "redress"
    verbose_name = "Redress"
