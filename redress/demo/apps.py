from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "redress.demo"
    verbose_name = "Demonstration data"
