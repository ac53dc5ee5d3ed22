"""An outbox mail's task, enqueued through django-q2's ORM broker, is
executed by a real `qcluster` worker process, not inline."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_q.models import OrmQ
from django_q.tasks import async_task

from people.models import OutboxKind, OutboxMessage, OutboxStatus
from people.outbox import account_mail
from people.outbox.context import pack
from people.outbox.services import SEND_TASK
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_outbox_mail_enqueued_through_the_orm_broker_is_sent_by_a_real_worker(tmp_path):
    assert "orm" in settings.Q_CLUSTER
    user = UserFactory(email="fatima@example.org")
    message = OutboxMessage.objects.create(
        to_address=user.email,
        user=user,
        kind=OutboxKind.ACCOUNT,
        template=account_mail.PASSWORD_RESET,
        language="nl",
        subject="Waakvlam: Nieuw wachtwoord",
        context=pack({"user": user, "site_url": "https://waakvlam.example"}),
        next_attempt_at=timezone.now(),
    )
    async_task(SEND_TASK, message.pk, task_name="e-mail", sync=False)
    [waiting] = OrmQ.objects.all()
    assert waiting.task["args"] == (message.pk,), "the queue holds the id and nothing else"

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": database_url(),
        "Q_SYNC": "false",
        "Q_WORKERS": "1",
        "EMAIL_URL": f"filemail://{tmp_path}",
    }
    env.pop("REDIS_URL", None)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        message.refresh_from_db()
        while time.monotonic() < deadline and message.status == OutboxStatus.QUEUED:
            time.sleep(0.5)
            message.refresh_from_db()
    finally:
        worker.terminate()
        _, stderr = worker.communicate(timeout=30)

    assert message.status == OutboxStatus.SENT, stderr.decode()[-2000:]
    assert message.context == {}
    sent = list(tmp_path.iterdir())
    assert len(sent) == 1
    assert "https://waakvlam.example/account/password/reset/key/" in sent[0].read_text()
