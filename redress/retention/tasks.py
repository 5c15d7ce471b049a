from django.utils import timezone
from django_tasks import task

from .anonymising import anonymise_due


@task()
def anonymise_closed_cases() -> None:
    anonymise_due(timezone.localdate())
