from django.db import migrations


def adult_defaults(apps, schema_editor):
    Procedure = apps.get_model("procedures", "Procedure")
    Procedure.objects.filter(code="adult", green_days__isnull=True).update(
        green_days=10, amber_days=20, red_days=65, six_month_limit=True
    )


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_risk_timescales")]

    operations = [migrations.RunPython(adult_defaults, migrations.RunPython.noop)]
