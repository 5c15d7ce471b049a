"""Put each indicator under the 2023/24 code of what it measures, with its figures, targets,
comparators and commentary, and add the measures that were missing; say what moved."""

import sys

from django.db import migrations


def move(apps, schema_editor):
    from redress.performance.catalogue import move_to_2023_framework

    # A new installation has only the seeded catalogue: moving it is no news to anyone.
    kept = any(
        apps.get_model("performance", name).objects.exists() for name in ("IndicatorValue", "Comparator", "Commentary")
    )
    said = move_to_2023_framework(apps)
    Comparator = apps.get_model("performance", "Comparator")
    # Comparators worked out from a 2023/24 or later file matched its new codes to the old meanings.
    stale = Comparator.objects.filter(from_national_data__isnull=False, year__gte=2023)
    if stale.exists():
        years = sorted(set(stale.values_list("year", flat=True)))
        stale.update(council_value=None, peer=None, region=None, england=None, rank=None, ranked=None, quartile=None)
        said.append(
            "National comparators for "
            + ", ".join(f"{y}/{str(y + 1)[2:]}" for y in years)
            + " were matched on the old meanings and are cleared: choose Save and compare again under National data"
        )
    if kept and said and "test" not in sys.argv[0] and "pytest" not in sys.modules:
        sys.stdout.write("\n" + "".join(f"  ASCOF 2023/24: {line}\n" for line in said))


class Migration(migrations.Migration):
    dependencies = [("performance", "0003_framework_2023")]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
