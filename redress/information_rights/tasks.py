from django_tasks import task

from .bundle import build
from .models import Bundle


@task()
def build_bundle(bundle_id: int) -> None:
    build(Bundle.objects.get(pk=bundle_id))
