"""Give every imported case a complainant, so that searching by name, email, phone or postcode
is measured over a million people. The import file carries no personal data (docs/interchange.md),
so the benchmark adds it afterwards. Run inside Django: `manage.py shell -c "import bench.people as p; p.main()"`.

People are not workflow fields; they are written directly, in batches, for speed."""

import random

from django.db import connection, transaction

from redress.cases.models import Person, Representation
from redress.imports.bulk import RowWriter

FIRST = ["Amara", "Ben", "Chloe", "David", "Ewa", "Farah", "George", "Hannah", "Imran", "Joan", "Kofi", "Lena"]
LAST = ["Smith", "Jones", "Patel", "Williams", "Brown", "Khan", "Taylor", "Nowak", "Evans", "Okafor", "Walsh", "Hughes"]
BATCH = 20_000


def person(rng: random.Random, n: int) -> dict:
    first, last = rng.choice(FIRST), rng.choice(LAST) + ("" if n % 7 else f"-{rng.choice(LAST)}")
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{first.lower()}.{last.lower()}{n}@example.org",
        "phone": f"07700 {n % 1_000_000:06d}",
        "address": f"{n % 300 + 1} High Street",
        "postcode": f"CV{n % 9 + 1} {n % 10}AB",
    }


def main() -> None:
    rng = random.Random(7)
    cases = list(Representation.objects.filter(complainant__isnull=True).order_by("pk").values_list("pk", flat=True))
    writer = RowWriter(Person)
    table = connection.ops.quote_name(Representation._meta.db_table)
    with transaction.atomic():
        for start in range(0, len(cases), BATCH):
            chunk = cases[start : start + BATCH]
            first_person = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            writer.write([person(rng, pk) for pk in chunk])
            ids = Person.objects.filter(pk__gte=first_person).order_by("pk").values_list("pk", flat=True)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET complainant_id = %s, service_user_id = %s WHERE id = %s",  # noqa: S608
                    [(p, p, case) for p, case in zip(ids, chunk)],
                )
    print(f"{len(cases):,} cases given a complainant")
