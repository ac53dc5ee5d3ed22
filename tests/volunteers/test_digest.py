"""The volunteers' section of the coordinators' weekly digest: per
organisation, never another organisation's volunteers.

People here read English (preferred_language="en") so that the texts can be
checked before the Dutch catalogue is compiled."""

import pytest
from django.conf import settings
from django.core import mail

from people.digest import weekly_digest_send
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory
from tests.volunteers.expiry import (
    TODAY,
    coordinator,
    in_days,
    long_date,
    record,
    the_mail_to,
    vog_expiring_in,
    volunteer,
)
from volunteers.digest import overview_url
from volunteers.models import VolunteerProfile, VolunteerStatus

pytestmark = pytest.mark.django_db

# The coordinators' digest ---------------------------------------------------


def test_the_digest_lists_what_expires_per_organisation(sent):
    north = OrganisationFactory(name="Noord")
    south = OrganisationFactory(name="Zuid")
    boss_north = coordinator(north)
    boss_south = coordinator(south)
    anna = volunteer(north, full_name="Anna Jansen", vog_date=in_days(-100))
    record(anna, "privacy-avg", expires_on=in_days(14))
    bram = volunteer(north, full_name="Bram de Vries", vog_date=vog_expiring_in(-7))
    record(bram, "privacy-avg", expires_on=in_days(400))
    carla = volunteer(north, full_name="Carla Smit", vog_date=in_days(-100))
    record(carla, "privacy-avg", expires_on=in_days(10))
    record(carla, "privacy-avg", achieved_on=TODAY, expires_on=in_days(730))
    gone = volunteer(
        north, full_name="Gert Weg", status=VolunteerStatus.LEFT, vog_date=vog_expiring_in(3)
    )
    record(gone, "privacy-avg", expires_on=in_days(3))
    dirk = volunteer(south, full_name="Dirk Bakker", vog_date=in_days(-100))
    record(dirk, "gespreksvoering", expires_on=in_days(-2))

    with sent():
        assert weekly_digest_send(TODAY) == 2

    north_mail = the_mail_to(boss_north)
    assert north_mail.subject == "Waakvlam: Your weekly overview"
    body = north_mail.body
    assert "These competencies and VOGs expire soon, or have expired:" in body
    assert "Volunteers of Noord" in body
    # Reached the 14-day stage today.
    assert (
        f"Anna Jansen, Privacy en AVG: expires on {long_date(in_days(14))} (new this week)" in body
    )
    expired_on = long_date(VolunteerProfile.objects.get(user=bram).vog_valid_until)
    # Expired six or seven days ago: new this week.
    assert f"Bram de Vries, VOG: expired on {expired_on} (new this week)" in body
    # The VOG that expired comes before what still has two weeks.
    assert body.index("Bram de Vries") < body.index("Anna Jansen")
    for absent in ("Carla Smit", "Gert Weg", "Dirk Bakker", "Zuid"):
        assert absent not in body
    assert f"{settings.SITE_URL}/admin/" in overview_url()
    assert overview_url() in body
    assert overview_url() in north_mail.alternatives[0][0]

    south_body = the_mail_to(boss_south).body
    assert f"Dirk Bakker, Gespreksvoering: expired on {long_date(in_days(-2))}" in south_body
    for absent in ("Anna Jansen", "Bram de Vries", "Noord"):
        assert absent not in south_body


def test_a_coordinator_of_two_organisations_gets_one_digest_with_both(sent):
    north = OrganisationFactory(name="Noord")
    south = OrganisationFactory(name="Zuid")
    boss = coordinator(north)
    MembershipFactory(user=boss, organisation=south, role=Role.COORDINATOR)
    record(volunteer(north, full_name="Anna Jansen"), "privacy-avg", expires_on=in_days(5))
    record(volunteer(south, full_name="Dirk Bakker"), "privacy-avg", expires_on=in_days(5))

    with sent():
        assert weekly_digest_send(TODAY) == 1

    body = the_mail_to(boss).body
    assert body.index("Noord") < body.index("Anna Jansen") < body.index("Zuid")
    assert body.index("Zuid") < body.index("Dirk Bakker")


def test_no_digest_when_nothing_expires(sent):
    organisation = OrganisationFactory()
    coordinator(organisation)
    user = volunteer(organisation, vog_date=in_days(-100))
    record(user, "privacy-avg", expires_on=in_days(61))
    record(user, "gespreksvoering", expires_on=in_days(-10))
    record(user, "gespreksvoering", achieved_on=TODAY, expires_on=None)
    # Expiring at another organisation without a coordinator: nobody to tell.
    record(volunteer(OrganisationFactory()), "privacy-avg", expires_on=in_days(5))

    with sent():
        assert weekly_digest_send(TODAY) == 0

    assert mail.outbox == []


def test_a_stage_reached_before_this_week_is_listed_without_new(sent):
    organisation = OrganisationFactory()
    boss = coordinator(organisation)
    anna = volunteer(organisation, full_name="Anna Jansen", vog_date=in_days(-100))
    record(anna, "privacy-avg", expires_on=in_days(30))
    record(anna, "gespreksvoering", expires_on=in_days(-30))

    with sent():
        weekly_digest_send(TODAY)

    body = the_mail_to(boss).body
    assert f"Privacy en AVG: expires on {long_date(in_days(30))}\n" in body
    assert f"Gespreksvoering: expired on {long_date(in_days(-30))}\n" in body
    assert "new this week" not in body


def test_vogs_requested_and_not_in_are_listed_and_flagged_when_overdue(sent):
    own = OrganisationFactory(name="Noord")
    other = OrganisationFactory(name="Zuid")
    boss = coordinator(own)
    coordinator(other)
    recent = volunteer(own, full_name="Esra Kaya", status=VolunteerStatus.APPLYING)
    late = volunteer(own, full_name="Frank Peters")
    elsewhere = volunteer(other, full_name="Kees Elders")
    VolunteerProfile.objects.filter(user=recent).update(
        vog_requested_on=in_days(-10), vog_free=True
    )
    VolunteerProfile.objects.filter(user=late).update(vog_requested_on=in_days(-60))
    VolunteerProfile.objects.filter(user=elsewhere).update(vog_requested_on=in_days(-60))

    with sent():
        weekly_digest_send(TODAY)

    body = the_mail_to(boss).body
    assert "VOGs requested and not in yet:" in body
    assert f"Esra Kaya: VOG requested on {long_date(in_days(-10))}, not in yet (free VOG)\n" in body
    assert (
        f"Frank Peters: VOG requested on {long_date(in_days(-60))}, not in yet"
        " – more than 8 weeks ago" in body
    )
    # The oldest request first; another organisation's volunteer never.
    assert body.index("Frank Peters") < body.index("Esra Kaya")
    assert "Kees Elders" not in body
    assert "<strong>Frank Peters" in the_mail_to(boss).alternatives[0][0]
