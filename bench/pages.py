"""The case list and case page URLs the benchmark times (bench/run.py times them through gunicorn).

In-process timing, for a quick look at one database without a server:
`manage.py shell -c "import bench.pages as p; p.main()"` signs in the first complaints officer with
Django's test client and prints the median of five requests of each URL, with its query count."""

import statistics
import time

# Each case list variant: the newest cases, a reference, a name, each filter and sort, a deep page.
CASE_LIST_URLS = [
    "/cases/",
    "/cases/?q=B-0500000",
    "/cases/?q=Smith",
    "/cases/?q=07700+000123",
    "/cases/?q=CV3+3AB",
    "/cases/?status=open",
    "/cases/?status=closed",
    "/cases/?kind=compliment",
    "/cases/?procedure=children",
    "/cases/?sort=surname",
    "/cases/?sort=reference",
    "/cases/?sort=received-oldest",
    "/cases/?page=500",
]


def case_page_url() -> str:
    """A case in the middle of the benchmark's million."""
    from redress.cases.models import Representation

    pk = Representation.objects.order_by("-pk").values_list("pk", flat=True).first() // 2
    return Representation.objects.get(pk=pk).get_absolute_url()


def main(urls=None, runs: int = 5) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.filter(is_active=True, role="complaints_officer").first())
    for url in urls or [*CASE_LIST_URLS, case_page_url()]:
        times = []
        with override_settings(DEBUG=True):
            for _ in range(runs):
                reset_queries()
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            queries = len(connection.queries)
        print(f"{statistics.median(times):8.0f} ms  {queries:3d} queries  {response.status_code}  {url}", flush=True)
