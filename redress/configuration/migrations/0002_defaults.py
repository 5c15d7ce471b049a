from django.db import migrations


def seed(apps, schema_editor):
    from redress.configuration.defaults import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("configuration", "0001_initial"),
        ("procedures", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
