"""Letters and accountability records written before they named cases by internal id carry
the case's tracking code (in the letter's title and subject, the record's summary): replace
it with the internal reference, so no letter keeps a complainant's key."""

from django.db import migrations


def _display(code):
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def references_for_codes(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Letter = apps.get_model("supervision", "Letter")
    AccountabilityRecord = apps.get_model("supervision", "AccountabilityRecord")
    for model, fields in (
        (Letter, ("title", "subject_label")),
        (AccountabilityRecord, ("summary",)),
    ):
        rows = model.objects.filter(case__isnull=False)
        codes = dict(
            Case.objects.filter(pk__in=rows.values("case_id")).values_list("pk", "tracking_code")
        )
        changed = []
        for row in rows.only("pk", "case_id", *fields).iterator():
            code = codes.get(row.case_id)
            if not code:
                continue
            dirty = False
            for field in fields:
                value = getattr(row, field)
                new = value.replace(_display(code), f"#{row.case_id}").replace(
                    code, f"#{row.case_id}"
                )
                if new != value:
                    setattr(row, field, new)
                    dirty = True
            if dirty:
                changed.append(row)
        model.objects.bulk_update(changed, list(fields), batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_gap_seen"),
        ("cases", "0001_initial"),
    ]

    operations = [migrations.RunPython(references_for_codes, migrations.RunPython.noop)]
