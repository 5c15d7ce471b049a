from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "redress.accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from . import sessions  # noqa: F401 - notes the time of each sign-in
