"""Agreements whose review date has come and services on the social map
nobody checked for a year: who is told, once, and what the editors see.

People here read English (preferred_language="en") so that the texts can be
checked before the Dutch catalogue is compiled."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django_q.models import Schedule

from knowledge import tasks
from knowledge.models import AgreementReviewNotice, Service, ServiceCheckNotice
from people.digest import weekly_digest_send
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.knowledge.test_agreements import make_agreement, make_index
from website.setup import ensure_schedules

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def person_with(role, organisation, **kwargs):
    user = UserFactory(preferred_language="en", **kwargs)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def region():
    utrecht = OrganisationFactory(name="Schuldhulpmaatje Utrecht", region="utrecht")
    amersfoort = OrganisationFactory(name="SchuldHulp Amersfoort", region="Amersfoort")
    elsewhere = OrganisationFactory(name="Thuisadministratie Zwolle", region="Zwolle")
    return {
        "utrecht": utrecht,
        "amersfoort": amersfoort,
        "editor": person_with(Role.EDITOR, elsewhere, email="redactie@example.org"),
        "utrecht_coordinator": person_with(Role.COORDINATOR, utrecht, email="coo@utrecht.example"),
        "amersfoort_coordinator": person_with(
            Role.COORDINATOR, amersfoort, email="coo@amersfoort.example"
        ),
        "zwolle_coordinator": person_with(Role.COORDINATOR, elsewhere, email="coo@zwolle.example"),
        "utrecht_trainer": person_with(Role.TRAINER, utrecht, email="trainer@utrecht.example"),
    }


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_review_date_tells_the_editors_and_the_coordinators_of_the_region_once(region, sent):
    covenant = make_agreement(make_index(), "Convenant bewindvoering", review_date=TODAY)
    covenant.regional_organisations.add(region["amersfoort"])
    covenant.save()  # a parental relation is written with the page
    with sent():
        assert tasks.remind_agreement_reviews(YESTERDAY) == 0
    with sent():
        assert tasks.remind_agreement_reviews(TODAY) == 3
    assert recipients() == ["coo@amersfoort.example", "coo@utrecht.example", "redactie@example.org"]
    to_editor = next(m for m in mail.outbox if m.to == ["redactie@example.org"])
    assert to_editor.subject == "Waakvlam: An agreement is due for review"
    assert "Convenant bewindvoering (Utrecht), review date 15 June 2026" in to_editor.body
    assert reverse("wagtailadmin_pages:edit", args=[covenant.pk]) in to_editor.body
    to_coordinator = next(m for m in mail.outbox if m.to == ["coo@utrecht.example"])
    assert covenant.full_url in to_coordinator.body
    assert "/admin/" not in to_coordinator.body
    mail.outbox.clear()
    with sent():
        assert tasks.remind_agreement_reviews(TODAY + datetime.timedelta(days=3)) == 0
    assert mail.outbox == []
    assert AgreementReviewNotice.objects.count() == 1


def test_a_new_review_date_is_told_again_when_it_comes(region, sent):
    covenant = make_agreement(make_index(), "Convenant bewindvoering", review_date=TODAY)
    with sent():
        tasks.remind_agreement_reviews(TODAY)
    covenant.review_date = TODAY + datetime.timedelta(days=365)
    covenant.save()
    mail.outbox.clear()
    with sent():
        assert tasks.remind_agreement_reviews(TODAY + datetime.timedelta(days=30)) == 0
        assert tasks.remind_agreement_reviews(covenant.review_date) == 2


def test_expired_unpublished_and_undated_agreements_remind_nobody(region, sent):
    index = make_index()
    make_agreement(index, "Vervallen", review_date=YESTERDAY, valid_until=YESTERDAY)
    make_agreement(index, "Concept", review_date=YESTERDAY, live=False)
    make_agreement(index, "Zonder datum")
    with sent():
        assert tasks.remind_agreement_reviews(TODAY) == 0
    assert mail.outbox == []


def test_one_mail_per_person_lists_every_agreement_that_came_due(region, sent):
    index = make_index()
    make_agreement(index, "Convenant bewindvoering", review_date=YESTERDAY)
    make_agreement(index, "Werkafspraken nazorg", review_date=TODAY)
    with sent():
        assert tasks.remind_agreement_reviews(TODAY) == 2
    to_editor = next(m for m in mail.outbox if m.to == ["redactie@example.org"])
    assert to_editor.subject == "Waakvlam: 2 agreements are due for review"
    assert "Convenant bewindvoering" in to_editor.body and "Werkafspraken nazorg" in to_editor.body


def service(name, last_checked_on, **fields):
    fields = {"helps_with": "Hulp", "organisation_type": "welzijn", "place": "Utrecht", **fields}
    return Service.objects.create(
        name=name, last_checked_on=last_checked_on, needs=["geld"], **fields
    )


def test_services_unchecked_for_a_year_are_put_to_the_editors_once(region, sent, settings):
    settings.SERVICE_CHECK_DAYS = 365
    a_year_ago = TODAY - datetime.timedelta(days=365)
    service("Voedselbank", a_year_ago)
    service("Inloop Geldzaken", None)
    service("Taalhuis", a_year_ago + datetime.timedelta(days=1))
    with sent():
        assert tasks.remind_unchecked_services(TODAY) == 1
    (message,) = mail.outbox
    assert message.to == ["redactie@example.org"]
    assert message.subject == "Waakvlam: Please check 2 services on the social map"
    assert "Inloop Geldzaken (Utrecht), never checked" in message.body
    assert "Voedselbank (Utrecht), last checked on 15 June 2025" in message.body
    assert "Taalhuis" not in message.body
    mail.outbox.clear()
    with sent():
        assert tasks.remind_unchecked_services(TODAY) == 0
        assert tasks.remind_unchecked_services(TODAY + datetime.timedelta(days=1)) == 1
    assert "Taalhuis" in mail.outbox[0].body and "Voedselbank" not in mail.outbox[0].body
    assert ServiceCheckNotice.objects.count() == 3


def test_a_check_starts_the_year_over(region, sent):
    voedselbank = service("Voedselbank", TODAY - datetime.timedelta(days=400))
    with sent():
        tasks.remind_unchecked_services(TODAY)
    voedselbank.last_checked_on = TODAY
    voedselbank.save()
    mail.outbox.clear()
    with sent():
        assert tasks.remind_unchecked_services(TODAY + datetime.timedelta(days=364)) == 0
        assert tasks.remind_unchecked_services(TODAY + datetime.timedelta(days=365)) == 1


def test_a_new_service_counts_as_checked_today():
    assert Service(name="x").last_checked_on is not None


def test_the_reminders_are_scheduled_daily():
    ensure_schedules()
    for func in ("remind_agreement_reviews", "remind_unchecked_services"):
        assert Schedule.objects.get(func=f"knowledge.tasks.{func}").schedule_type == Schedule.DAILY


# ------------------------------------------------------------ the index


def test_editors_see_agreements_due_for_review_first_with_a_link_to_edit(client, region):
    index = make_index()
    make_agreement(index, "Aanpak Amersfoort", municipality="Amersfoort")
    due = make_agreement(index, "Convenant Utrecht", review_date=datetime.date(2020, 1, 1))
    client.force_login(region["editor"])
    response = client.get(index.url)
    assert [a.title for a in response.context["agreements"]] == [
        "Convenant Utrecht",
        "Aanpak Amersfoort",
    ]
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[due.pk]) in html
    client.force_login(region["utrecht_trainer"])
    response = client.get(index.url)
    assert [a.title for a in response.context["agreements"]] == [
        "Aanpak Amersfoort",
        "Convenant Utrecht",
    ]
    assert "/admin/" not in response.content.decode()


# ------------------------------------------------------------ the weekly digest


def test_the_weekly_digest_lists_agreements_while_their_review_date_is_past(region, sent):
    covenant = make_agreement(make_index(), "Convenant bewindvoering", review_date=YESTERDAY)
    next_week = TODAY + datetime.timedelta(days=7)
    with sent():
        assert weekly_digest_send(TODAY) == 2
    to_editor = next(m for m in mail.outbox if m.to == ["redactie@example.org"])
    assert "Local agreements to review" in to_editor.body
    assert "Convenant bewindvoering (Utrecht), review date 14 June 2026" in to_editor.body
    assert reverse("wagtailadmin_pages:edit", args=[covenant.pk]) in to_editor.body
    to_coordinator = next(m for m in mail.outbox if m.to == ["coo@utrecht.example"])
    assert covenant.full_url in to_coordinator.body and "/admin/" not in to_coordinator.body
    covenant.review_date = TODAY + datetime.timedelta(days=365)
    covenant.save()
    mail.outbox.clear()
    with sent():
        weekly_digest_send(next_week)
    assert not any("Convenant bewindvoering" in message.body for message in mail.outbox)
