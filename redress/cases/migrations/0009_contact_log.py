import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# As redress.cases.models.CHRONOLOGY_BROUGHT_OVER (a migration does not import the models).
BROUGHT_OVER = "Chronology brought over"


def chronology_to_contact_log(apps, schema_editor):
    """The free-text chronology goes: what any case had in it becomes one case note in its
    contact log, dated the day the case was received, so nothing is lost."""
    Representation = apps.get_model("cases", "Representation")
    Contact = apps.get_model("cases", "Contact")
    for case in Representation.objects.exclude(chronology="").only("pk", "received", "chronology").iterator():
        if case.chronology.strip():
            Contact.objects.create(
                case=case, kind="note", date=case.received, summary=f"{BROUGHT_OVER}:\n\n{case.chronology.strip()}"
            )


def contact_log_to_chronology(apps, schema_editor):
    Representation = apps.get_model("cases", "Representation")
    Contact = apps.get_model("cases", "Contact")
    for note in Contact.objects.filter(kind="note", summary__startswith=f"{BROUGHT_OVER}:"):
        text = note.summary.removeprefix(f"{BROUGHT_OVER}:").strip()
        Representation.objects.filter(pk=note.case_id).update(chronology=text)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_report_1_1'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Contact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('call', 'Phone call'), ('email', 'Email'), ('meeting', 'Meeting'), ('visit', 'Visit'), ('letter', 'Letter'), ('note', 'Case note'), ('other', 'Other contact')], max_length=10, verbose_name='What it was')),
                ('direction', models.CharField(blank=True, choices=[('in', 'From them to us'), ('out', 'From us to them')], max_length=3, verbose_name='Which way')),
                ('with_whom', models.CharField(blank=True, max_length=200, verbose_name='With whom')),
                ('date', models.DateField()),
                ('time', models.TimeField(blank=True, null=True)),
                ('summary', models.TextField()),
                ('recorded', models.DateTimeField(default=django.utils.timezone.now)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='cases.representation')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['date', models.OrderBy(models.F('time'), nulls_first=True), 'recorded', 'pk'],
            },
        ),
        migrations.RunPython(chronology_to_contact_log, contact_log_to_chronology),
        migrations.RemoveField(
            model_name='representation',
            name='chronology',
        ),
    ]
