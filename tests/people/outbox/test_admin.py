"""Coordinators see which mails to their people failed (superusers all of
them), without bodies, and send one again."""

import pytest
from django.core import mail

from people.models import OutboxMessage, OutboxStatus, Role
from people.outbox.services import outbox_add
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

pytestmark = pytest.mark.django_db


def failed_mail_to(person, subject="Waakvlam: Een testbericht"):
    message = outbox_add(
        to_address=person.email,
        user=person,
        kind="templated",
        template="email/test",
        language="nl",
        subject=subject,
        context={"name": "geheim-van-de-inhoud"},
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.FAILED, next_attempt_at=None, attempts=13, last_error="SMTPError"
    )
    return message


def test_a_coordinator_sees_failed_mails_to_own_people_and_not_to_others(client, organisations):
    volunteer = MembershipFactory(organisation=organisations["own"], role=Role.VOLUNTEER).user
    group = GroupPageFactory(organisation=organisations["own"])
    participant = EnrolmentFactory(group=group).person
    stranger = MembershipFactory(organisation=organisations["other"], role=Role.VOLUNTEER).user
    own = [
        failed_mail_to(volunteer, "Waakvlam: Voor de vrijwilliger"),
        failed_mail_to(participant, "Waakvlam: Voor de deelnemer"),
    ]
    other = failed_mail_to(stranger, "Waakvlam: Voor een ander")

    client.force_login(organisations["coordinator"])
    html = client.get("/admin/emails/", {"status": "failed"}).content.decode()
    assert "Voor de vrijwilliger" in html and "Voor de deelnemer" in html
    assert "Voor een ander" not in html
    assert "geheim-van-de-inhoud" not in html

    inspect = client.get(f"/admin/emails/inspect/{own[0].pk}/")
    assert inspect.status_code == 200
    assert "geheim-van-de-inhoud" not in inspect.content.decode()
    for view in ("inspect", "retry"):
        assert client.get(f"/admin/emails/{view}/{other.pk}/").status_code == 404
    assert client.post(f"/admin/emails/retry/{other.pk}/").status_code == 404


def test_a_coordinator_of_another_organisation_sees_none_of_them(client, organisations):
    volunteer = MembershipFactory(organisation=organisations["own"], role=Role.VOLUNTEER).user
    message = failed_mail_to(volunteer)
    other_coordinator = MembershipFactory(
        organisation=organisations["other"], role=Role.COORDINATOR
    ).user
    client.force_login(other_coordinator)
    assert "Een testbericht" not in client.get("/admin/emails/").content.decode()
    assert client.get(f"/admin/emails/inspect/{message.pk}/").status_code == 404


def test_a_superuser_sees_every_failed_mail(client):
    message = failed_mail_to(UserFactory())
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert message.subject in client.get("/admin/emails/").content.decode()


def test_mails_cannot_be_written_edited_or_deleted_in_the_admin(client, organisations):
    message = failed_mail_to(organisations["coordinator"])
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in (
        "/admin/emails/new/",
        f"/admin/emails/edit/{message.pk}/",
        f"/admin/emails/delete/{message.pk}/",
    ):
        assert client.get(url).status_code == 404


def test_a_coordinator_sends_a_failed_mail_again(client, organisations, post):
    volunteer = MembershipFactory(organisation=organisations["own"], role=Role.VOLUNTEER).user
    message = failed_mail_to(volunteer)
    client.force_login(organisations["coordinator"])
    assert f"/admin/emails/retry/{message.pk}/" in client.get("/admin/emails/").content.decode()
    response = post(f"/admin/emails/retry/{message.pk}/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [[volunteer.email]]


def test_a_mail_that_was_sent_cannot_be_sent_again(client, organisations, post):
    message = failed_mail_to(organisations["coordinator"])
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.QUEUED, next_attempt_at=message.created_at
    )
    client.force_login(organisations["coordinator"])
    post(f"/admin/emails/retry/{message.pk}/")
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert mail.outbox == []
