import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from groups.models import Enrolment, EnrolmentStatus
from groups.offer import services as offer_services
from people.models import Role, User
from people.services import ANONYMOUS_NAME, user_anonymise
from people.tasks import anonymise_inactive_users
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory

pytestmark = pytest.mark.django_db


def test_a_person_downloads_their_own_details_and_nobody_elses(client):
    membership = MembershipFactory(role=Role.VOLUNTEER, user__full_name="Fatima de Vries")
    UserFactory(full_name="Iemand Anders")
    client.force_login(membership.user)
    response = client.get(reverse("people:data_download"))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["full_name"] == "Fatima de Vries"
    assert data["roles"][0]["role"] == "volunteer"
    assert "Iemand Anders" not in response.content.decode()


def test_deleting_an_account_needs_the_password_and_keeps_what_was_typed(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("people:account_delete"), {"password": "fout"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    user.refresh_from_db()
    assert user.is_active


def test_deleting_an_account_removes_name_and_contact_details_and_logs_out(client):
    membership = MembershipFactory(role=Role.TRAINER, user__phone="06 1234 5678")
    user = membership.user
    client.force_login(user)
    response = client.post(reverse("people:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_anonymised and not user.is_active
    assert user.phone == "" and user.full_name == "Verwijderde gebruiker"
    assert not user.memberships.exists()
    assert not user.has_usable_password()
    assert client.get(reverse("people:my")).status_code == 302


def test_accounts_unused_for_the_set_period_are_anonymised_once(settings):
    settings.ANONYMISE_AFTER_DAYS = 30
    long_ago = timezone.now() - timedelta(days=31)
    stale = UserFactory(last_login=long_ago)
    never_used = UserFactory()
    User.objects.filter(pk=never_used.pk).update(date_joined=long_ago)
    recent = UserFactory(last_login=timezone.now() - timedelta(days=2))
    staff = UserFactory(last_login=long_ago, is_staff=True)

    assert anonymise_inactive_users() == 2
    assert anonymise_inactive_users() == 0
    assert {u.pk for u in User.objects.all() if u.is_anonymised} == {stale.pk, never_used.pk}
    recent.refresh_from_db()
    staff.refresh_from_db()
    assert not recent.is_anonymised and not staff.is_anonymised


def test_anonymising_runs_as_a_daily_schedule():
    schedule = Schedule.objects.get(func="people.tasks.anonymise_inactive_users")
    assert schedule.schedule_type == Schedule.DAILY


def test_deleting_an_account_frees_its_places_for_the_waiting_list(
    django_capture_on_commit_callbacks,
):
    group = GroupPageFactory(capacity=1)
    leaving, waiting = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.enrolment_create(group=group, person=leaving)
        offer_services.enrolment_create(group=group, person=waiting)
        user_anonymise(user=leaving)
    assert Enrolment.objects.get(person=leaving).status == EnrolmentStatus.CANCELLED
    assert Enrolment.objects.get(person=waiting).status == EnrolmentStatus.OFFERED
    assert group.places_left() == 0  # the place is offered, so held


def test_deleting_an_account_takes_the_name_out_of_the_admin_history():
    person = UserFactory(full_name="Anna de Vries")
    enrolment = EnrolmentFactory(person=person)
    log(enrolment, "wagtail.create", user=UserFactory())
    user_anonymise(user=person)
    entry = ModelLogEntry.objects.get(object_id=str(enrolment.pk))
    assert "Anna de Vries" not in entry.label
    assert ANONYMOUS_NAME in entry.label
