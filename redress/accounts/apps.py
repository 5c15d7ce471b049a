from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "redress.accounts"
    verbose_name = "Accounts and roles"
