import smtplib
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction

from people.mail import mail_suppressed, send_templated_email
from people.models import OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]


def test_mail_waits_for_the_commit_and_is_not_sent_on_rollback(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_templated_email(
            to="fatima@example.org",
            template="email/test",
            context={"name": "Fatima"},
        )
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatima@example.org"]
    assert message.subject.startswith("Waakvlam: ")
    assert message.alternatives[0].mimetype == "text/html"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send_templated_email(to="x@example.org", template="email/test", context={})
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_keeps_the_message_queued_for_a_later_attempt(monkeypatch, sent):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server is down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with sent():
        send_templated_email(to="fatima@example.org", template="email/test", context={})
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 1
    assert message.last_error == "SMTPServerDisconnected"
    assert mail.outbox == []


def test_mail_suppressed_queues_nothing(sent):
    with sent(), mail_suppressed():
        send_templated_email(to="fatima@example.org", template="email/test", context={})
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_addresses_under_invalid_get_nothing(sent):
    with sent():
        send_templated_email(
            to=["zonder-email-1@geen-email.invalid", "fatima@example.org"],
            template="email/test",
            context={},
        )
    assert [m.to for m in mail.outbox] == [["fatima@example.org"]]
    assert OutboxMessage.objects.get().to_address == "fatima@example.org"
