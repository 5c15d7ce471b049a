"""The case list's indexes, and its search index (redress/cases/search.py), filled from the
cases already recorded."""

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


def build_search_index(apps, schema_editor):
    from redress.cases import search

    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            for sql in search.SQLITE_INDEX:
                cursor.execute(sql)
        search.rebuild_all(apps)
        if schema_editor.connection.vendor == "postgresql":
            # After filling: one pass to build the index instead of one update a row.
            for sql in search.POSTGRES_INDEX:
                cursor.execute(sql)


def drop_search_index(apps, schema_editor):
    from redress.cases import search

    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            for sql in search.SQLITE_DROP_TRIGGERS:
                cursor.execute(sql)
            cursor.execute(f"DROP TABLE IF EXISTS {search.FTS}")


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0012_dashboard_queue_indexes'),
        ('configuration', '0008_council_public_pages'),
        ('procedures', '0003_adult_risk_defaults'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseSearch',
            fields=[
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='cases.representation')),
                ('words', models.TextField(blank=True)),
                ('phones', models.TextField(blank=True)),
                ('postcodes', models.TextField(blank=True)),
                ('sort_name', models.CharField(blank=True, max_length=201)),
                ('received', models.DateField()),
            ],
        ),
        migrations.AddIndex(
            model_name='representation',
            index=models.Index(fields=['received', 'id'], name='case_list_received'),
        ),
        migrations.AddIndex(
            model_name='representation',
            index=models.Index(condition=models.Q(('closed__isnull', True)), fields=['received', 'id'], name='case_list_open_received'),
        ),
        migrations.AddIndex(
            model_name='representation',
            index=models.Index(condition=models.Q(('closed__isnull', False)), fields=['received', 'id'], name='case_list_closed_received'),
        ),
        migrations.AddIndex(
            model_name='representation',
            index=models.Index(condition=models.Q(('ineligible', True)), fields=['received', 'id'], name='case_list_inelig_received'),
        ),
        migrations.AddIndex(
            model_name='representation',
            index=models.Index(fields=['service_area', 'received'], name='case_list_area_received'),
        ),
        migrations.AddIndex(
            model_name='representation',
            index=models.Index(fields=['investigating_officer', 'received'], name='case_list_officer_received'),
        ),
        migrations.AddIndex(
            model_name='casesearch',
            index=models.Index(fields=['sort_name', '-received', '-case'], name='case_search_by_name'),
        ),
        migrations.AddIndex(
            model_name="representation",
            index=models.Index(django.db.models.functions.text.Upper("reference"), name="case_reference_upper"),
        ),
        migrations.RunPython(build_search_index, drop_search_index),
    ]
