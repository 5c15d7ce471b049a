from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "redress.notifications"
    verbose_name = "Reminders and emails"
