import smtplib
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from people.mail import send_templated_email
from people.tasks import deliver_email

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


def test_a_failing_mail_server_makes_the_task_fail_so_it_is_retried(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server is down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    payload = {
        "subject": "Waakvlam: test",
        "body": "Hallo",
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": ["fatima@example.org"],
    }
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver_email(payload)


def test_failed_tasks_stay_in_the_queue_for_a_later_attempt():
    # django-q2 leaves unacknowledged (failed) tasks in the broker and hands
    # them out again after `retry` seconds, up to `max_attempts` times.
    assert settings.Q_CLUSTER["ack_failures"] is False
    assert settings.Q_CLUSTER["max_attempts"] > 1
    assert settings.Q_CLUSTER["retry"] > settings.Q_CLUSTER["timeout"]
