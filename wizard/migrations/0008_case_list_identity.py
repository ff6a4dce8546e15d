"""The case list shows each patient's date of birth and member id, and searches the member id without dashes."""

from django.db import migrations, models

BATCH = 500


def fill_identity_columns(apps, schema_editor):
    """Copy date of birth and member id from every saved case file into the new list columns."""
    from wizard.models.case import list_columns

    case_model = apps.get_model("wizard", "Case")
    changed = []
    for case in case_model.objects.only("id", "facts").iterator(chunk_size=BATCH):
        columns = list_columns(case.facts)
        for name in ("patient_born", "member_id", "patient_search"):
            setattr(case, name, columns[name])
        changed.append(case)
        if len(changed) == BATCH:
            case_model.objects.bulk_update(changed, ["patient_born", "member_id", "patient_search"])
            changed = []
    case_model.objects.bulk_update(changed, ["patient_born", "member_id", "patient_search"])


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0007_enclosures_and_tracking"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="member_id",
            field=models.CharField(blank=True, editable=False, max_length=60),
        ),
        migrations.AddField(
            model_name="case",
            name="patient_born",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="case",
            name="patient_search",
            field=models.CharField(blank=True, editable=False, max_length=400),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["clinic", "archived_at", "-updated_at", "status", "patient_born", "patient_search"],
                name="case_working_list",
            ),
        ),
        migrations.RunPython(fill_identity_columns, migrations.RunPython.noop),
    ]
