"""Attention signals get an outcome: `resolved_at` becomes `closed_at`, and
a signal closed before has the outcome the system gave it then (the person
came again, or signed off from the group)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

CLOSING = ["fine", "concerns", "stopped", "returned", "left"]


def outcomes_of_closed_signals(apps, schema_editor):
    AttentionSignal = apps.get_model("groups", "AttentionSignal")
    Enrolment = apps.get_model("groups", "Enrolment")
    closed = AttentionSignal.objects.filter(closed_at__isnull=False)
    # signals_close_for closed it with the moment the sign-up was cancelled.
    for signal in closed.iterator():
        left = Enrolment.objects.filter(
            group_id=signal.group_id, person_id=signal.person_id, cancelled_at=signal.closed_at
        ).exists()
        signal.outcome = "left" if left else "returned"
        signal.save(update_fields=["outcome"])


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0011_savings_cycles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="attentionsignal", name="attention_one_open_per_person"
        ),
        migrations.RenameField(
            model_name="attentionsignal", old_name="resolved_at", new_name="closed_at"
        ),
        migrations.AlterField(
            model_name="attentionsignal",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="closed at"),
        ),
        migrations.AlterField(
            model_name="attentionsignal",
            name="raised_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="raised at"
            ),
        ),
        migrations.AddField(
            model_name="attentionsignal",
            name="closed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="closed by",
            ),
        ),
        migrations.AddField(
            model_name="attentionsignal",
            name="outcome",
            field=models.CharField(
                blank=True,
                choices=[
                    ("fine", "called – doing fine"),
                    ("concerns", "concerns – appointment made"),
                    ("not_reached", "not reached"),
                    ("stopped", "stopped"),
                    ("returned", "came again"),
                    ("left", "signed off from the group"),
                ],
                max_length=12,
                verbose_name="outcome",
            ),
        ),
        migrations.AddField(
            model_name="attentionsignal",
            name="note",
            field=models.CharField(blank=True, max_length=500, verbose_name="note"),
        ),
        migrations.AddField(
            model_name="attentionsignal",
            name="unreached_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="not reached on"),
        ),
        migrations.AddField(
            model_name="attentionsignal",
            name="unreached_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="not reached by",
            ),
        ),
        migrations.AddField(
            model_name="attentionsignal",
            name="escalated_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="sent to the coordinators"
            ),
        ),
        migrations.RunPython(outcomes_of_closed_signals, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="attentionsignal",
            constraint=models.UniqueConstraint(
                condition=Q(closed_at__isnull=True),
                fields=("group", "person"),
                name="attention_one_open_per_person",
            ),
        ),
        migrations.AddConstraint(
            model_name="attentionsignal",
            constraint=models.CheckConstraint(
                condition=Q(closed_at__isnull=True, outcome="")
                | Q(closed_at__isnull=False, outcome__in=CLOSING),
                name="attention_closed_with_outcome",
            ),
        ),
    ]
