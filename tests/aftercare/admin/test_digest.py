"""The aftercare section of the coordinators' weekly digest: late moments
of their own organisation, first names and days only, and a link."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from aftercare.digest import digest_sections
from aftercare.models import ContactMoment
from people.digest import weekly_digest_send

pytestmark = pytest.mark.django_db


def make_late(plan):
    moment = plan.moments.open().first()
    ContactMoment.objects.filter(pk=moment.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=4), note=""
    )


def test_each_coordinator_hears_of_their_own_organisations_late_moments(world):
    make_late(world["anna"])
    sections = list(digest_sections(timezone.localdate()))
    assert [section.recipient for section in sections] == [world["coordinator"]]
    (section,) = sections
    assert section.context["count"] == 1
    assert section.context["items"][0]["first_name"] == "Anna"
    assert section.context["overdue_url"].endswith("/admin/aftercare_overdue/")


def test_no_late_moments_no_section(world):
    assert list(digest_sections(timezone.localdate())) == []


def test_the_digest_mail_has_first_names_and_no_notes_or_choices(world, sent):
    make_late(world["anna"])
    with sent():
        weekly_digest_send(timezone.localdate())
    (message,) = [m for m in mail.outbox if m.to == [world["coordinator"].email]]
    for text in (message.body, message.alternatives[0][0]):
        assert "Anna" in text and "Bakker" not in text
        assert "Geen nieuwe schulden" not in text
        assert "/admin/aftercare_overdue/" in text
