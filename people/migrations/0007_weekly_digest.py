"""The weekly digest moved from the volunteers app to people.digest: a
schedule made before keeps its timing under the new task's name (and a
second one, should setup have made it already, goes)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


OLD_TASK = "volunteers.tasks.coordinator_digest"
NEW_TASK = "people.tasks.send_weekly_digest"


def move_digest_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    old = Schedule.objects.filter(func=OLD_TASK)
    if not old.exists():
        return
    Schedule.objects.filter(func=NEW_TASK).delete()
    first = old.order_by("pk").first()
    old.exclude(pk=first.pk).delete()
    first.func = NEW_TASK
    first.name = "Weekoverzicht"
    first.save(update_fields=["func", "name"])


class Migration(migrations.Migration):
    dependencies = [
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
        ("people", "0006_role_invitations"),
    ]

    operations = [
        migrations.CreateModel(
            name="WeeklyDigestSent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("week", models.DateField(help_text="The Monday of the week.")),
                ("sent_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("user", "week"), name="weekly_digest_once")
                ],
            },
        ),
        migrations.RunPython(move_digest_schedule, migrations.RunPython.noop),
    ]
