"""Mail used to travel as a django-q2 task whose argument was the whole
message, password-reset links included. Those task rows are removed. A mail
still waiting in the queue becomes a "failed" outbox row with its address
and subject but without its body (which may hold a working link), so that
coordinators can see who may have missed a mail."""

from django.db import migrations
from django.utils import timezone

OLD_TASK = "people.tasks.deliver_email"


def _waiting_payloads(OrmQ):
    from django_q.signing import SignedPackage

    for row in OrmQ.objects.all():
        try:
            task = SignedPackage.loads(row.payload)
        except Exception:  # noqa: BLE001 - a bad signature, or a pickle of code now gone
            continue  # not ours to judge: django-q2 cannot read it either
        if task.get("func") == OLD_TASK:
            yield row, task.get("args") or ()


def remove_old_mail_tasks(apps, schema_editor):
    Task = apps.get_model("django_q", "Task")
    OrmQ = apps.get_model("django_q", "OrmQ")
    OutboxMessage = apps.get_model("people", "OutboxMessage")
    User = apps.get_model("people", "User")
    Task.objects.filter(func=OLD_TASK).delete()
    now = timezone.now()
    for row, args in list(_waiting_payloads(OrmQ)):
        payload = args[0] if args and isinstance(args[0], dict) else {}
        for address in payload.get("to") or []:
            OutboxMessage.objects.create(
                to_address=address,
                user=User.objects.filter(email__iexact=address).first(),
                subject=str(payload.get("subject", ""))[:255],
                template="",
                kind="templated",
                language="nl",
                status="failed",
                next_attempt_at=None,
                last_error="Queued before the outbox; not sent",
                queued_at=now,
                created_at=now,
            )
        row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
        ("people", "0002_outbox"),
    ]

    operations = [migrations.RunPython(remove_old_mail_tasks, migrations.RunPython.noop)]
