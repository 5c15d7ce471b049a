from django.db import migrations


def seed(apps, schema_editor):
    from redress.correspondence.defaults import TEMPLATES

    LetterTemplate = apps.get_model("correspondence", "LetterTemplate")
    for kind, (subject, body) in TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, procedure=None, defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):
    dependencies = [("correspondence", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
