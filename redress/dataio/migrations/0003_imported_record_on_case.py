"""Which source record became which case moves from ImportedRecord to the case's own
source_system and source_record_id (cases 0010)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def records_to_cases(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    ImportedRecord = apps.get_model("dataio", "ImportedRecord")
    record = ImportedRecord.objects.filter(case_id=OuterRef("pk"))
    # One statement for all of them (a million imported records would be a million UPDATEs).
    Case.objects.filter(pk__in=ImportedRecord.objects.values("case_id")).update(
        source_system=Subquery(record.values("source_system")[:1]),
        source_record_id=Subquery(record.values("source_record_id")[:1]),
    )


def cases_to_records(apps, schema_editor):
    """Back to ImportedRecord, each record under the latest committed batch of its source (the
    case does not say which batch it came in)."""
    Case = apps.get_model("cases", "Case")
    ImportBatch = apps.get_model("dataio", "ImportBatch")
    ImportedRecord = apps.get_model("dataio", "ImportedRecord")
    batches = {}
    for batch in ImportBatch.objects.filter(status="committed").order_by("created_at", "id"):
        batches[batch.source_name] = batch
    imported = Case.objects.filter(source_record_id__isnull=False).values_list(
        "pk", "source_system", "source_record_id"
    )
    ImportedRecord.objects.bulk_create(
        (
            ImportedRecord(
                case_id=pk, source_system=system, source_record_id=key, batch=batches[system]
            )
            for pk, system, key in imported.iterator()
            if system in batches
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_case_source_record"),
        ("dataio", "0002_importprogress"),
    ]

    operations = [
        migrations.RunPython(records_to_cases, cases_to_records),
        migrations.DeleteModel(name="ImportedRecord"),
    ]
