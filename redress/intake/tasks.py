from django.utils import timezone
from django_tasks import task

from .retention import forget_abandoned


@task()
def forget_abandoned_forms() -> None:
    forget_abandoned(timezone.now())
