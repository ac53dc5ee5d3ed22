"""The VOG becomes a process (requested on, received on, valid until, free
VOG scheme) and expiry reminders come in stages.

A profile's VOG date becomes the date received, valid for VOG_VALID_MONTHS
from then, as it was counted before. An existing notice was the one
reminder of the old scheme: it becomes the stage that was due on the day it
was sent, so that no stage already passed is sent again."""

import datetime

import django.db.models.deletion
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, Q


def stage_on(day, expires_on):
    """The latest stage due on `day` for something expiring on `expires_on`."""
    reached = [
        days
        for days in settings.EXPIRY_REMINDER_DAYS
        if expires_on - datetime.timedelta(days=days) <= day
    ]
    return min(reached) if reached else max(settings.EXPIRY_REMINDER_DAYS)


def forward(apps, schema_editor):
    VolunteerProfile = apps.get_model("volunteers", "VolunteerProfile")
    ExpiryNotice = apps.get_model("volunteers", "ExpiryNotice")
    months = relativedelta(months=settings.VOG_VALID_MONTHS)
    for profile in VolunteerProfile.objects.exclude(vog_date=None):
        profile.vog_received_on = profile.vog_date
        profile.vog_valid_until = profile.vog_date + months
        profile.save(update_fields=["vog_received_on", "vog_valid_until"])
    for notice in ExpiryNotice.objects.select_related("record"):
        if notice.record_id:
            expires_on = notice.record.expires_on
            notice.profile_id = None
        else:
            expires_on = notice.vog_valid_until = notice.vog_date + months
        notice.stage = stage_on(notice.sent_at.date(), expires_on) if expires_on else 0
        notice.save(update_fields=["profile", "vog_valid_until", "stage"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0003_evidence_private_files")]

    operations = [
        migrations.AddField(
            model_name="volunteerprofile",
            name="vog_requested_on",
            field=models.DateField(blank=True, null=True, verbose_name="VOG requested on"),
        ),
        migrations.AddField(
            model_name="volunteerprofile",
            name="vog_free",
            field=models.BooleanField(
                default=False,
                help_text="Requested through the Gratis VOG scheme",
                verbose_name="free VOG",
            ),
        ),
        migrations.AddField(
            model_name="volunteerprofile",
            name="vog_received_on",
            field=models.DateField(
                blank=True,
                help_text="The date on the certificate of conduct (Verklaring Omtrent het Gedrag).",
                null=True,
                verbose_name="VOG received on",
            ),
        ),
        migrations.AddField(
            model_name="volunteerprofile",
            name="vog_valid_until",
            field=models.DateField(
                blank=True,
                help_text="Empty: calculated from the date it was received.",
                null=True,
                verbose_name="VOG valid until",
            ),
        ),
        migrations.RemoveConstraint(model_name="expirynotice", name="vog_notice_once"),
        migrations.RemoveConstraint(model_name="expirynotice", name="notice_about_record_or_vog"),
        migrations.AlterField(
            model_name="expirynotice",
            name="record",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notices",
                to="volunteers.competencyrecord",
            ),
        ),
        migrations.AddField(
            model_name="expirynotice",
            name="vog_valid_until",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="expirynotice",
            name="stage",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Days before the expiry date."
            ),
            preserve_default=False,
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RemoveField(model_name="expirynotice", name="vog_date"),
        migrations.RemoveField(model_name="volunteerprofile", name="vog_date"),
        migrations.AddConstraint(
            model_name="volunteerprofile",
            constraint=models.CheckConstraint(
                condition=Q(vog_valid_until__isnull=True)
                | Q(vog_received_on__isnull=False, vog_valid_until__gte=F("vog_received_on")),
                name="vog_valid_after_received",
            ),
        ),
        migrations.AddConstraint(
            model_name="expirynotice",
            constraint=models.UniqueConstraint(
                condition=Q(record__isnull=False),
                fields=("record", "stage"),
                name="record_notice_once_per_stage",
            ),
        ),
        migrations.AddConstraint(
            model_name="expirynotice",
            constraint=models.UniqueConstraint(
                condition=Q(profile__isnull=False),
                fields=("profile", "vog_valid_until", "stage"),
                name="vog_notice_once_per_stage",
            ),
        ),
        migrations.AddConstraint(
            model_name="expirynotice",
            constraint=models.CheckConstraint(
                condition=Q(record__isnull=False, profile__isnull=True)
                | Q(record__isnull=True, profile__isnull=False, vog_valid_until__isnull=False),
                name="notice_about_record_or_vog",
            ),
        ),
    ]
