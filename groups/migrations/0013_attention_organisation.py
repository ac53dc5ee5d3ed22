"""Attention signals belong to an organisation, filled from their group, so
that a higher app (aftercare) can raise signals without a group on the same
list. Not atomic: the column is filled in its own transaction before it
becomes required (PostgreSQL refuses to alter a table with pending
foreign-key checks)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

GROUP_KINDS = ["unannounced", "announced"]
GROUPLESS_KINDS = ["aftercare_unreached", "aftercare_concerns"]


def organisation_from_group(apps, schema_editor):
    AttentionSignal = apps.get_model("groups", "AttentionSignal")
    GroupPage = apps.get_model("groups", "GroupPage")
    organisation = GroupPage.objects.filter(pk=OuterRef("group_id")).values("organisation_id")
    AttentionSignal.objects.update(organisation_id=Subquery(organisation[:1]))


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("groups", "0012_signal_outcomes"),
        ("people", "0007_weekly_digest"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="attentionsignal", name="attention_kind_valid"),
        migrations.AddField(
            model_name="attentionsignal",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attention_signals",
                to="people.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.RunPython(organisation_from_group, migrations.RunPython.noop, atomic=True),
        migrations.AlterField(
            model_name="attentionsignal",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attention_signals",
                to="people.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AlterField(
            model_name="attentionsignal",
            name="group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attention_signals",
                to="groups.grouppage",
            ),
        ),
        migrations.AlterField(
            model_name="attentionsignal",
            name="kind",
            field=models.CharField(
                choices=[
                    ("unannounced", "absent without notice"),
                    ("announced", "often absent with notice"),
                    ("aftercare_unreached", "aftercare: not reached twice in a row"),
                    ("aftercare_concerns", "aftercare: concerns"),
                ],
                default="unannounced",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="attentionsignal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("closed_at__isnull", True), ("group__isnull", True)),
                fields=("organisation", "person", "kind"),
                name="attention_one_open_per_kind_without_group",
            ),
        ),
        migrations.AddConstraint(
            model_name="attentionsignal",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", GROUP_KINDS + GROUPLESS_KINDS)),
                name="attention_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="attentionsignal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("group__isnull", False), ("kind__in", GROUP_KINDS)),
                    models.Q(("group__isnull", True), ("kind__in", GROUPLESS_KINDS)),
                    _connector="OR",
                ),
                name="attention_group_signal_has_group",
            ),
        ),
    ]
