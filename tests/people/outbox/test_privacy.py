"""The person's mails in their data download (no bodies), and gone from
the outbox when the account is deleted."""

import importlib
import json

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from django_q.models import OrmQ, Task
from django_q.tasks import async_task

from people.mail import send_templated_email
from people.models import OutboxMessage, OutboxStatus
from people.privacy import personal_data
from people.services import user_anonymise
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_data_download_lists_the_mails_sent_to_the_person_without_bodies(sent):
    person = UserFactory(email="fatima@example.org")
    with sent():
        send_templated_email(to=person.email, template="email/test", context={"name": "Fatima"})
    [entry] = personal_data(person)["emails"]
    assert entry["subject"] == "Waakvlam: Een testbericht"
    assert entry["template"] == "email/test"
    assert entry["status"] == OutboxStatus.SENT
    assert entry["sent_at"]
    assert "dit is een test" not in json.dumps(personal_data(person))


def test_erasure_clears_address_subject_and_recipe_and_a_waiting_mail_is_not_sent(
    sent, mail_server_down
):
    person = UserFactory(email="fatima@example.org")
    with sent():
        send_templated_email(to=person.email, template="email/test", context={"name": "Fatima"})
    user_anonymise(user=person)
    message = OutboxMessage.objects.get()
    assert (message.to_address, message.subject, message.context) == ("", "", {})
    assert message.status == OutboxStatus.FAILED
    assert mail.outbox == []


def test_the_migration_removes_the_old_payload_tasks_and_flags_their_mails():
    migration = importlib.import_module("people.migrations.0003_remove_old_mail_tasks")
    payload = {
        "subject": "Waakvlam: Nieuw wachtwoord",
        "body": "http://testserver/account/password/reset/key/3-geheim/",
        "to": ["fatima@example.org"],
    }
    async_task(migration.OLD_TASK, payload, sync=False)
    Task.objects.create(
        id="x" * 32,
        name="e-mail",
        func=migration.OLD_TASK,
        args=(payload,),
        started=timezone.now(),
        stopped=timezone.now(),
        success=False,
    )
    async_task("people.tasks.send_due_mail", sync=False)

    migration.remove_old_mail_tasks(apps, None)

    assert not Task.objects.filter(func=migration.OLD_TASK).exists()
    assert [q.task["func"] for q in OrmQ.objects.all()] == ["people.tasks.send_due_mail"]
    message = OutboxMessage.objects.get()
    assert (message.to_address, message.subject, message.status) == (
        "fatima@example.org",
        "Waakvlam: Nieuw wachtwoord",
        OutboxStatus.FAILED,
    )
    assert "geheim" not in json.dumps(message.context)
