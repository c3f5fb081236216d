# The foreign keys' own indexes go where a composite index already starts with the same column
# (CaseEvent (case, at), CaseHolding (department, started_at)). Only the indexes are dropped:
# AlterField would also drop and re-add (and so re-check) the foreign keys.

import django.db.models.deletion
from django.db import migrations, models

DROPPED = [
    ("cases_caseevent", "cases_caseevent_case_id_6c6031ac", "case_id"),
    ("cases_caseholding", "cases_caseholding_department_id_92253258", "department_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_case_fewer_indexes"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="caseevent",
                    name="case",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="cases.case",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseholding",
                    name="department",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.department",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
                for table, index, column in DROPPED
            ],
        )
    ]
