"""Reminders before a competency or VOG expires, in stages (60, 14 and 0
days before): who gets which e-mail, once per stage, after the commit.

People here read English (preferred_language="en") so that the texts can be
checked before the Dutch catalogue is compiled."""

import datetime

import pytest
from django.core import mail
from django_q.models import Schedule

from tests.factories import OrganisationFactory, UserFactory
from tests.volunteers.expiry import (
    TODAY,
    in_days,
    long_date,
    mails_to,
    record,
    the_mail_to,
    vog_expiring_in,
    volunteer,
)
from volunteers import reminders, tasks
from volunteers.models import ExpiryNotice, VolunteerProfile, VolunteerStatus

pytestmark = pytest.mark.django_db

# The volunteer's reminder ---------------------------------------------------


def test_a_record_entering_the_window_is_told_once_also_when_run_twice(sent):
    user = volunteer(OrganisationFactory(), vog_date=in_days(-10))
    expiring = record(user, "privacy-avg", expires_on=in_days(30))
    record(user, "stress-sensitief-werken", expires_on=in_days(300))

    with sent():
        assert tasks.notify_expiring() == 1
    with sent():
        assert tasks.notify_expiring() == 0

    message = the_mail_to(user)
    assert message.subject == "Waakvlam: Time to renew"
    assert f"Privacy en AVG: expires on {long_date(in_days(30))}" in message.body
    assert "Stress-sensitief werken" not in message.body
    assert "You renew a competency with a training." in message.body
    assert "VOG" not in message.body
    assert "/mijn/" in message.body
    assert message.body.rstrip().endswith("Waakvlam")
    html = message.alternatives[0][0]
    assert "Privacy en AVG" in html and "/mijn/" in html
    assert list(ExpiryNotice.objects.values_list("record", flat=True)) == [expiring.pk]


def test_an_expired_record_without_a_notice_is_told(sent):
    user = volunteer(OrganisationFactory(), vog_date=in_days(-10))
    record(user, "privacy-avg", expires_on=in_days(-5))

    with sent():
        assert tasks.notify_expiring() == 1

    assert f"Privacy en AVG: expired on {long_date(in_days(-5))}" in the_mail_to(user).body


def test_a_record_replaced_by_a_renewal_does_not_trigger(sent):
    user = volunteer(OrganisationFactory(), vog_date=in_days(-10))
    old = record(user, "privacy-avg", expires_on=in_days(10))
    record(user, "privacy-avg", achieved_on=TODAY, expires_on=in_days(730))
    # The renewal of another competency expires soon itself: only it counts.
    record(user, "gespreksvoering", expires_on=in_days(-300))
    renewal = record(user, "gespreksvoering", achieved_on=in_days(-20), expires_on=in_days(20))

    with sent():
        assert tasks.notify_expiring() == 1

    body = the_mail_to(user).body
    assert "Privacy en AVG" not in body
    assert f"Gespreksvoering: expires on {long_date(in_days(20))}" in body
    assert "expired on" not in body
    assert not ExpiryNotice.objects.filter(record=old).exists()
    assert list(ExpiryNotice.objects.values_list("record", flat=True)) == [renewal.pk]


def test_the_vog_is_told_once_per_date_and_a_new_date_gets_a_new_notice(sent):
    organisation = OrganisationFactory(name="Schuldhulpmaatje Noord")
    user = volunteer(organisation, vog_date=vog_expiring_in(20))
    profile = VolunteerProfile.objects.get(user=user)
    first_until = profile.vog_valid_until

    with sent():
        assert tasks.notify_expiring() == 1
    with sent():
        assert tasks.notify_expiring() == 0
    body = the_mail_to(user).body
    assert f"VOG at Schuldhulpmaatje Noord: expires on {long_date(first_until)}" in body
    assert "Request a new VOG in time." in body
    assert "You renew a competency" not in body

    # A new VOG: nothing now, and its own reminder three years later.
    profile.vog_received_on, profile.vog_valid_until = in_days(-1), None
    profile.save()
    with sent():
        assert tasks.notify_expiring() == 0
    with sent():
        assert (
            tasks.notify_expiring(today=profile.vog_valid_until - datetime.timedelta(days=5)) == 1
        )

    assert len(mails_to(user)) == 2
    assert sorted(ExpiryNotice.objects.values_list("vog_valid_until", "stage")) == [
        (first_until, 60),
        (profile.vog_valid_until, 14),
    ]


def test_competencies_and_vog_due_together_come_in_one_email(sent):
    user = volunteer(OrganisationFactory(), vog_date=vog_expiring_in(-3))
    record(user, "privacy-avg", expires_on=in_days(12))
    record(user, "gespreksvoering", expires_on=in_days(50))

    with sent():
        assert tasks.notify_expiring() == 1

    body = the_mail_to(user).body
    assert "Privacy en AVG: expires on" in body
    assert "Gespreksvoering: expires on" in body
    assert "VOG at" in body and "expired on" in body
    assert ExpiryNotice.objects.count() == 3


def test_only_active_volunteers_with_an_address_are_told(sent):
    organisation = OrganisationFactory()
    left = volunteer(organisation, status=VolunteerStatus.LEFT, vog_date=vog_expiring_in(5))
    record(left, "privacy-avg", expires_on=in_days(5))
    no_address = volunteer(organisation, email="iemand@geen-email.invalid")
    record(no_address, "privacy-avg", expires_on=in_days(5))
    participant = UserFactory(preferred_language="en")
    record(participant, "privacy-avg", expires_on=in_days(5))

    with sent():
        assert tasks.notify_expiring() == 0

    assert mail.outbox == []
    assert not ExpiryNotice.objects.exists()


def test_a_notice_already_made_by_another_worker_is_not_sent_again(sent):
    user = volunteer(OrganisationFactory())
    due = record(user, "privacy-avg", expires_on=in_days(5))
    # The other worker committed its notice after this one made its list.
    ExpiryNotice.objects.create(record=due, stage=14)

    with sent():
        assert reminders.notify(user, [(due, 14)], [], TODAY) is False

    assert mail.outbox == []
    assert ExpiryNotice.objects.count() == 1


def test_the_jobs_are_scheduled():
    daily = Schedule.objects.get(func="volunteers.tasks.notify_expiring")
    assert (daily.schedule_type, daily.repeats) == (Schedule.DAILY, -1)


# The stages ----------------------------------------------------------------


def stages_told(thing):
    return list(thing.notices.order_by("sent_at", "pk").values_list("stage", flat=True))


def test_each_stage_is_told_once_and_in_order(sent):
    user = volunteer(OrganisationFactory(), vog_date=in_days(-10))
    expiring = record(user, "privacy-avg", expires_on=in_days(60))
    expires_on = expiring.expires_on

    for day, expected in [
        (TODAY, 1),  # enters the renewal window
        (in_days(1), 0),
        (in_days(45), 0),
        (in_days(46), 1),  # 14 days before
        (in_days(47), 0),
        (in_days(60), 1),  # the day it expires
        (in_days(61), 0),
        (in_days(200), 0),
    ]:
        with sent():
            assert tasks.notify_expiring(today=day) == expected, day

    assert stages_told(expiring) == [60, 14, 0]
    bodies = [message.body for message in mails_to(user)]
    assert all(f"Privacy en AVG: expires on {long_date(expires_on)}" in body for body in bodies)


def test_a_job_that_missed_days_sends_only_the_latest_due_stage(sent):
    user = volunteer(OrganisationFactory(), vog_date=in_days(-10))
    soon = record(user, "privacy-avg", expires_on=in_days(10))
    gone = record(user, "gespreksvoering", expires_on=in_days(-3))

    with sent():
        assert tasks.notify_expiring() == 1

    # One e-mail, not one per skipped stage.
    (message,) = mails_to(user)
    assert f"Gespreksvoering: expired on {long_date(in_days(-3))}" in message.body
    assert f"Privacy en AVG: expires on {long_date(in_days(10))}" in message.body
    assert stages_told(soon) == [14]
    assert stages_told(gone) == [0]
    # The skipped stage is never sent afterwards.
    with sent():
        assert tasks.notify_expiring(today=in_days(1)) == 0


def test_the_stages_come_from_the_settings(sent, settings):
    settings.EXPIRY_REMINDER_DAYS = [30, 7]
    user = volunteer(OrganisationFactory(), vog_date=in_days(-10))
    expiring = record(user, "privacy-avg", expires_on=in_days(40))

    for day in [TODAY, in_days(10), in_days(33), in_days(40), in_days(41)]:
        with sent():
            tasks.notify_expiring(today=day)

    assert stages_told(expiring) == [30, 7]
    assert reminders.stages() == [30, 7]
    assert reminders.due_stage(in_days(40), in_days(9)) is None


def test_a_vog_with_a_renewal_requested_gets_no_reminder(sent):
    user = volunteer(OrganisationFactory(), vog_date=vog_expiring_in(10))
    VolunteerProfile.objects.filter(user=user).update(vog_requested_on=in_days(-2))

    with sent():
        assert tasks.notify_expiring() == 0
    assert not ExpiryNotice.objects.exists()
