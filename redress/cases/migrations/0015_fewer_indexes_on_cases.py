"""Fewer indexes on cases and concerns: every index is written for every case saved or imported.

The single-column indexes of foreign keys to lookups and staff, of `kind`, of the deadlines, and
PostgreSQL's pattern index of `reference` (no search matches the start of a reference) are
dropped by name as the database lists them, since Django altering each field would rebuild the
cases table once a field on SQLite."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DROPPED = {
    "representation": [
        "kind", "procedure", "method", "point_of_receipt", "service_area", "relationship", "su_ethnicity",
        "su_primary_support_reason", "acknowledgement_due", "due", "stage1_handler", "investigating_officer",
        "quote_approved_by", "created_by", "reference",
    ],
    "concern": ["category", "subcategory"],
}  # fmt: skip


def drop_indexes(apps, schema_editor):
    connection = schema_editor.connection
    for model_name, names in DROPPED.items():
        model = apps.get_model("cases", model_name)
        columns = {model._meta.get_field(name).column for name in names}
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, model._meta.db_table)
        for index, about in found.items():
            single = len(about["columns"]) == 1 and about["columns"][0] in columns
            if single and about["index"] and not about["unique"] and not about["primary_key"]:
                schema_editor.execute(schema_editor._delete_index_sql(model, index))


def restore_indexes(apps, schema_editor):
    for model_name, names in DROPPED.items():
        model = apps.get_model("cases", model_name)
        for name in names:
            for sql in schema_editor._field_indexes_sql(model, model._meta.get_field(name)):
                schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_case_list_closed_index"),
        ("configuration", "0008_council_public_pages"),
        ("procedures", "0003_adult_risk_defaults"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, restore_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="concern",
                    name="category",
                    field=models.ForeignKey(
                        db_index=False,
                        limit_choices_to={
                            "list_name__in": ["concern_category", "corporate_concern_category"],
                            "parent__isnull": True,
                        },
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="configuration.lookup",
                    ),
                ),
                migrations.AlterField(
                    model_name="concern",
                    name="subcategory",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        limit_choices_to={
                            "list_name__in": ["concern_category", "corporate_concern_category"],
                            "parent__isnull": False,
                        },
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="configuration.lookup",
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="acknowledgement_due",
                    field=models.DateField(blank=True, null=True),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="created_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="due",
                    field=models.DateField(blank=True, null=True, verbose_name="Response due"),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="investigating_officer",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="allocated_cases",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("complaint", "Complaint"),
                            ("compliment", "Compliment"),
                            ("comment", "Comment"),
                            ("enquiry", "Initial enquiry"),
                            ("service_request", "Service request"),
                        ],
                        max_length=20,
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="method",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        limit_choices_to={"list_name": "method"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="configuration.lookup",
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="point_of_receipt",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        limit_choices_to={"list_name": "point_of_receipt"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="configuration.lookup",
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="procedure",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Blank for a complaint not accepted under any procedure (ineligible).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="representations",
                        to="procedures.procedure",
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="quote_approved_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="relationship",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Who made it, in relation to the person receiving the service.",
                        limit_choices_to={"list_name": "relationship"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="configuration.lookup",
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="service_area",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="representations",
                        to="configuration.servicearea",
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="stage1_handler",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="su_ethnicity",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        limit_choices_to={"list_name": "ethnicity"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="configuration.lookup",
                        verbose_name="Ethnicity",
                    ),
                ),
                migrations.AlterField(
                    model_name="representation",
                    name="su_primary_support_reason",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        limit_choices_to={"list_name": "primary_support_reason"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="configuration.lookup",
                        verbose_name="Primary support reason",
                    ),
                ),
            ],
        ),
    ]
