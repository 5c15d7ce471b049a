from django.db import migrations


def seed(apps, schema_editor):
    from redress.performance.catalogue import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
