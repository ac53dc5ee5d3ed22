"""No address, body, link or token waits in the task queue, and the links
that carry a token are made when the mail leaves: no table holds them."""

import re
from functools import partial

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django_q.models import OrmQ, Task
from django_q.tasks import async_task

from groups.offer import services as offer_services
from people.mail import send_templated_email
from people.models import OutboxMessage, OutboxStatus
from people.outbox import account_mail, services
from tests.factories import UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_containing(secret):
    """Every (model, field) with a row whose text holds `secret`, and every
    task in django-q2's queue or results whose arguments or result do."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            rows = model._base_manager.annotate(_text=Cast(field.attname, models.TextField()))
            if rows.filter(_text__contains=secret).exists():
                found.append(f"{model._meta.label}.{field.name}")
    for task in Task.objects.all():
        if secret in repr((task.name, task.args, task.kwargs, task.result)):
            found.append(f"django_q.Task {task.pk}")
    for queued in OrmQ.objects.all():
        if secret in repr(queued.task):
            found.append(f"django_q.OrmQ {queued.pk}")
    return found


def test_the_task_carries_only_the_outbox_id(monkeypatch, sent):
    # Enqueued for real (not inline) so the queued package can be read.
    monkeypatch.setattr(services, "async_task", partial(async_task, sync=False))
    fatima = UserFactory(email="fatima@example.org", full_name="Fatima Yilmaz")
    with sent():
        send_templated_email(
            to=fatima.email, template="email/test", context={"name": fatima.full_name}
        )
    message = OutboxMessage.objects.get()
    [queued] = OrmQ.objects.all()
    assert queued.task["args"] == (message.pk,)
    assert queued.task["kwargs"] == {}
    for personal in ("fatima@example.org", "Fatima", "dit is een test"):
        assert personal not in repr(queued.task)


def test_a_sent_task_keeps_only_the_id_and_the_outcome(sent):
    with sent():
        send_templated_email(to="fatima@example.org", template="email/test", context={})
    [task] = Task.objects.all()
    assert task.args == (OutboxMessage.objects.get().pk,)
    assert task.result == OutboxStatus.SENT
    assert rows_containing("fatima@example.org") == ["people.OutboxMessage.to_address"]


def test_a_password_reset_link_works_while_no_table_holds_its_key(client, post):
    user = UserFactory(email="anna@example.org")
    post(reverse("account_reset_password"), {"email": user.email})
    [message] = mail.outbox
    link = re.search(r"http://testserver(/account/password/reset/key/(\S+?)/)", message.body)
    path, key = link[1], link[2]
    token = key.split("-", 1)[1]

    assert rows_containing(token) == []
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT

    form = client.get(path, follow=True)
    new_password = "een-heel-nieuw-wachtwoord-9"
    response = post(
        form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_an_email_confirmation_link_works_while_no_table_holds_its_key(client, post):
    post(
        reverse("account_signup"),
        {
            "full_name": "Anna de Boer",
            "email": "anna@example.org",
            "password1": "rustig-aan-met-geld-7",
            "password2": "rustig-aan-met-geld-7",
        },
    )
    [message] = mail.outbox
    path, key = re.search(
        r"http://testserver(/account/confirm-email/(\S+?)/)", message.body
    ).groups()
    assert rows_containing(key) == []
    post(path)
    assert OutboxMessage.objects.get().user.emailaddress_set.get().verified


def test_the_outbox_keeps_what_a_mail_is_about_but_never_its_body(sent):
    with sent():
        send_templated_email(
            to="fatima@example.org", template="email/test", context={"name": "Fatima"}
        )
    assert mail.outbox[0].body == "Hallo Fatima, dit is een test."
    message = OutboxMessage.objects.get()
    assert message.subject == "Waakvlam: Een testbericht"
    assert message.template == "email/test"
    assert rows_containing("dit is een test") == []
    # Once sent, not even the recipe is kept.
    assert message.context == {} and message.attachments == []


def test_a_waiting_list_offer_link_is_made_from_the_sign_up_when_the_mail_leaves(sent):
    group = GroupPageFactory(capacity=1)
    leaving = EnrolmentFactory(group=group)
    with sent():
        waiting = offer_services.enrolment_create(group=group, person=UserFactory())
    with sent():
        offer_services.enrolment_cancel(enrolment=leaving)
    waiting.refresh_from_db()
    offer = OutboxMessage.objects.get(template="groups/email/place_offered")
    assert offer.status == OutboxStatus.SENT
    assert waiting.offer_token in mail.outbox[-1].body
    # The token lives on the sign-up (its one place), nowhere else.
    assert rows_containing(waiting.offer_token) == ["groups.Enrolment.offer_token"]


def test_an_account_mail_with_a_secret_the_outbox_cannot_make_again_is_refused():
    with pytest.raises(ImproperlyConfigured):
        account_mail.stored_context("account/email/login_code", {"code": "123456"}, None)
