"""A task enqueued through django-q2's ORM broker is executed by a real
`qcluster` worker process, not inline."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_q.tasks import async_task, fetch

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
def test_a_mail_task_enqueued_through_the_orm_broker_is_sent_by_a_real_worker(tmp_path):
    assert "orm" in settings.Q_CLUSTER
    task_id = async_task(
        "people.tasks.deliver_email",
        {
            "subject": "Waakvlam: test",
            "body": "Verstuurd door de worker.",
            "from_email": settings.DEFAULT_FROM_EMAIL,
            "to": ["fatima@example.org"],
        },
        sync=False,
    )
    assert fetch(task_id) is None, "the task must wait in the queue, not run inline"

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
        task = None
        while time.monotonic() < deadline and task is None:
            time.sleep(0.5)
            task = fetch(task_id)
    finally:
        worker.terminate()
        _, stderr = worker.communicate(timeout=30)

    assert task is not None, stderr.decode()[-2000:]
    assert task.success, task.result
    assert task.result == 1
    sent = list(tmp_path.iterdir())
    assert len(sent) == 1
    assert "Verstuurd door de worker." in sent[0].read_text()
