"""Volunteers 0004: a profile's VOG date becomes "received on", valid for
VOG_VALID_MONTHS from then; an existing reminder notice becomes the stage
that was due on the day it was sent, so no passed stage is sent again."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from volunteers.models import ExpiryNotice, VolunteerProfile

BEFORE = [("volunteers", "0003_evidence_private_files")]
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def sent_on(notice_model, notice, day):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    notice_model.objects.filter(pk=notice.pk).update(sent_at=moment)


@pytest.mark.django_db(transaction=True)
def test_vog_dates_and_notices_move_to_the_new_fields(settings):
    settings.VOG_VALID_MONTHS = 36
    settings.EXPIRY_REMINDER_DAYS = [60, 14, 0]
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    user, organisation = UserFactory(), OrganisationFactory()
    old_apps = migrate(BEFORE)
    Profile = old_apps.get_model("volunteers", "VolunteerProfile")
    Record = old_apps.get_model("volunteers", "CompetencyRecord")
    Notice = old_apps.get_model("volunteers", "ExpiryNotice")
    Competency = old_apps.get_model("volunteers", "Competency")
    vog_date = days(-1200)
    profile = Profile.objects.create(
        user_id=user.pk, organisation_id=organisation.pk, status="active", vog_date=vog_date
    )
    without = Profile.objects.create(
        user_id=UserFactory().pk, organisation_id=organisation.pk, status="applying"
    )
    competencies = Competency.objects.order_by("pk")
    early, late = (
        Record.objects.create(
            volunteer_id=user.pk,
            competency=competency,
            achieved_on=days(-700),
            expires_on=days(expires),
            source="observation",
        )
        for competency, expires in zip(competencies[:2], (50, -3), strict=True)
    )
    # Told 10 days after entering the window; told after it had expired.
    sent_on(Notice, Notice.objects.create(record=early), days(0))
    sent_on(Notice, Notice.objects.create(record=late), days(-1))
    vog_notice = Notice.objects.create(profile=profile, vog_date=vog_date)
    sent_on(Notice, vog_notice, days(-2))

    migrate(leaves)

    moved = VolunteerProfile.objects.get(pk=profile.pk)
    assert moved.vog_received_on == vog_date
    assert moved.vog_valid_until == vog_date + relativedelta(months=36)
    assert moved.vog_requested_on is None and not moved.vog_free
    empty = VolunteerProfile.objects.get(pk=without.pk)
    assert (empty.vog_received_on, empty.vog_valid_until) == (None, None)
    assert ExpiryNotice.objects.get(record_id=early.pk).stage == 60
    assert ExpiryNotice.objects.get(record_id=late.pk).stage == 0
    vog = ExpiryNotice.objects.get(profile_id=profile.pk)
    assert vog.vog_valid_until == moved.vog_valid_until
    # The VOG had expired about 100 days before it was told: its last stage.
    assert vog.stage == 0
