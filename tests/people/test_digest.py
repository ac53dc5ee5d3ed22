"""The weekly digest framework: apps contribute sections through a hook;
each person gets at most one e-mail a week, with every section they have,
in order, and nobody without a section gets anything."""

import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.utils.translation import gettext_lazy
from django_q.models import Schedule
from wagtail import hooks

from people import tasks
from people.digest import WEEKLY_DIGEST, DigestSection, digest_sections, week_of
from people.models import WeeklyDigestSent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).parent / "templates"
MONDAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]


def note(recipient, text, *, order=50, title="Notes"):
    return DigestSection(
        recipient=recipient,
        order=order,
        title=title,
        template="digest/note",
        context={"text": text, "day": MONDAY},
    )


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_one_mail_per_person_with_every_section_in_order(sent):
    anna = UserFactory(full_name="Anna Jansen", preferred_language="en")
    bram = UserFactory(full_name="Bram de Vries", preferred_language="en")
    nobody = UserFactory()

    def first(today):
        return [note(anna, "second part", order=40, title="Later"), note(bram, "only bram")]

    def second(today):
        yield note(anna, "first part", order=10, title="Earlier")

    with (
        hooks.register_temporarily(WEEKLY_DIGEST, first),
        hooks.register_temporarily(WEEKLY_DIGEST, second),
        sent(),
    ):
        assert tasks.weekly_digest_send(MONDAY) == 2

    (message,) = mails_to(anna)
    assert message.subject == "Waakvlam: Your weekly overview"
    body = message.body
    assert body.startswith("Hello Anna,")
    assert body.index("Earlier") < body.index("first part") < body.index("Later")
    assert body.index("Later") < body.index("second part")
    assert "Note for Anna Jansen: first part on 30 November 2026" in body
    assert "only bram" not in body
    html = message.alternatives[0][0]
    assert '<p class="note">Note for Anna Jansen: second part' in html
    assert "<h2" in html and "Earlier" in html
    assert "only bram" in mails_to(bram)[0].body
    assert mails_to(nobody) == []


def test_nothing_is_sent_without_sections(sent):
    UserFactory()
    with hooks.register_temporarily(WEEKLY_DIGEST, lambda today: []), sent():
        assert tasks.weekly_digest_send(MONDAY) == 0
    assert mail.outbox == []
    assert not WeeklyDigestSent.objects.exists()


def test_a_second_run_in_the_same_week_sends_nothing_the_next_week_does(sent):
    anna = UserFactory()
    with hooks.register_temporarily(WEEKLY_DIGEST, lambda today: [note(anna, "x")]):
        with sent():
            assert tasks.weekly_digest_send(MONDAY) == 1
        with sent():
            assert tasks.weekly_digest_send(MONDAY + datetime.timedelta(days=6)) == 0
        with sent():
            assert tasks.weekly_digest_send(MONDAY + datetime.timedelta(days=7)) == 1
    assert len(mails_to(anna)) == 2
    assert week_of(MONDAY + datetime.timedelta(days=6)) == MONDAY


def test_people_who_cannot_receive_mail_are_left_out():
    gone = UserFactory(is_active=False)
    anonymous = UserFactory(email="x@anoniem.invalid")
    here = UserFactory()
    sections = [note(gone, "a"), note(anonymous, "b"), note(here, "c")]
    with hooks.register_temporarily(WEEKLY_DIGEST, lambda today: sections):
        assert list(digest_sections(MONDAY)) == [here]


def test_a_lazy_title_is_in_the_recipients_language(sent):
    dutch = UserFactory(preferred_language="nl")
    english = UserFactory(preferred_language="en")
    title = gettext_lazy("Kind regards,")

    def contribute(today):
        return [note(dutch, "DUTCH", title=title), note(english, "ENGLISH", title=title)]

    with hooks.register_temporarily(WEEKLY_DIGEST, contribute), sent():
        tasks.weekly_digest_send(MONDAY)
    # The title is the section's heading, before its text.
    dutch_body, english_body = mails_to(dutch)[0].body, mails_to(english)[0].body
    assert dutch_body.index("Met vriendelijke groet,") < dutch_body.index("DUTCH")
    assert english_body.index("Kind regards,") < english_body.index("ENGLISH")


def test_the_digest_is_scheduled_weekly():
    weekly = Schedule.objects.get(func="people.tasks.send_weekly_digest")
    assert (weekly.schedule_type, weekly.repeats) == (Schedule.WEEKLY, -1)
    assert not Schedule.objects.filter(func="volunteers.tasks.coordinator_digest").exists()


def test_an_old_schedule_row_moves_to_the_new_task():
    migration = importlib.import_module("people.migrations.0007_weekly_digest")
    Schedule.objects.filter(func=migration.NEW_TASK).delete()
    old = Schedule.objects.create(
        func=migration.OLD_TASK, schedule_type=Schedule.WEEKLY, name="Oud", repeats=-1
    )

    migration.move_digest_schedule(django_apps, None)

    (moved,) = Schedule.objects.filter(func=migration.NEW_TASK)
    assert moved.pk == old.pk and moved.schedule_type == Schedule.WEEKLY
    assert not Schedule.objects.filter(func=migration.OLD_TASK).exists()
