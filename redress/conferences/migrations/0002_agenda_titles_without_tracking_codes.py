"""Agenda items adopted before the agenda stopped naming tracking codes carry "CODE title":
rewrite them to the case's title, so no stored agenda keeps a complainant's key."""

from django.db import migrations


def titles_without_codes(apps, schema_editor):
    AgendaItem = apps.get_model("conferences", "AgendaItem")
    Case = apps.get_model("cases", "Case")
    items = AgendaItem.objects.filter(link_kind="case", link_id__isnull=False)
    titles = dict(Case.objects.filter(pk__in=items.values("link_id")).values_list("pk", "title"))
    changed = []
    for item in items.iterator():
        title = titles.get(item.link_id, "")[:300]
        if item.title != title:
            item.title = title
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["title"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0001_initial"),
        ("cases", "0001_initial"),
    ]

    operations = [migrations.RunPython(titles_without_codes, migrations.RunPython.noop)]
