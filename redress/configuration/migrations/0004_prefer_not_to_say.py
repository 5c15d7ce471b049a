from django.db import migrations


def seed(apps, schema_editor):
    from redress.configuration.defaults import seed

    seed(apps)  # adds only what is missing


class Migration(migrations.Migration):
    dependencies = [("configuration", "0003_council_publication_threshold")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
