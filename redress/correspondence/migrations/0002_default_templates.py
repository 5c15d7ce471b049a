from django.db import migrations


def seed(apps, schema_editor):
    from redress.correspondence.defaults import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("correspondence", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
