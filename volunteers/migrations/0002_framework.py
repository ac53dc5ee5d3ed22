"""The field's competency framework and volunteer roles."""

from django.db import migrations

from volunteers.framework import ensure_framework


def seed(apps, schema_editor):
    ensure_framework(
        apps.get_model("volunteers", "Competency"), apps.get_model("volunteers", "VolunteerRole")
    )


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
