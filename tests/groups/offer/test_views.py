import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from groups.models import Enrolment, EnrolmentStatus, GroupKind
from groups.offer import services as offer_services
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory, group_index

pytestmark = pytest.mark.django_db


def test_browse_filter_and_see_places_left_or_waiting_list(client):
    GroupPageFactory(title="Spaarkring Noord", kind=GroupKind.SAVINGS_CIRCLE, place="Zwolle")
    full = GroupPageFactory(title="Lotgenoten Zuid", kind=GroupKind.PEER_SUPPORT, capacity=1)
    offer_services.enrolment_create(group=full, person=UserFactory())
    index = group_index()

    html = client.get(index.url).content.decode()
    assert "Spaarkring Noord" in html and "Lotgenoten Zuid" in html
    assert "Vol – wachtlijst" in html

    html = client.get(index.url, {"kind": "spaarkring"}).content.decode()
    assert "Spaarkring Noord" in html and "Lotgenoten Zuid" not in html
    html = client.get(index.url, {"place": "Zwolle"}).content.decode()
    assert "Lotgenoten Zuid" not in html


def test_weekday_filter_uses_local_meeting_days(client):
    tuesday = GroupPageFactory(title="Dinsdaggroep")
    tuesday_evening = datetime.datetime(2099, 3, 3, 19, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    MeetingFactory(group=tuesday, starts_at=tuesday_evening)
    GroupPageFactory(title="Zonder bijeenkomsten")
    html = client.get(group_index().url, {"weekday": "2"}).content.decode()
    assert "Dinsdaggroep" in html and "Zonder bijeenkomsten" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "bestaat-niet"},
        {"weekday": "9"},
        {"weekday": "x" * 5000},
        {"place": "<script>alert(1)</script>"},
    ],
)
def test_unknown_filter_values_give_a_normal_page(client, params):
    GroupPageFactory()
    response = client.get(group_index().url, params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_trainings_are_listed_only_to_volunteers_and_staff(client):
    training = GroupPageFactory(title="Basistraining", kind=GroupKind.TRAINING)
    GroupPageFactory(title="Budgetcursus")
    url = group_index().url
    assert "Basistraining" not in client.get(url).content.decode()
    volunteer = MembershipFactory(role=Role.VOLUNTEER, organisation=training.organisation).user
    client.force_login(volunteer)
    assert "Basistraining" in client.get(url).content.decode()


def test_sign_up_confirmation_and_my_waakvlam_then_cancel(client, post):
    group = GroupPageFactory(title="Budgetcursus Oost")
    MeetingFactory(group=group)
    person = UserFactory()
    client.force_login(person)

    assert client.get(reverse("groups:enrolment_create", args=[group.pk])).status_code == 200
    response = post(reverse("groups:enrolment_create", args=[group.pk]))
    enrolment = Enrolment.objects.get(person=person)
    assert response.url == reverse("groups:enrolment", args=[enrolment.pk])
    assert "U bent aangemeld" in client.get(response.url).content.decode()

    my = client.get(reverse("people:my")).content.decode()
    assert "Budgetcursus Oost" in my
    assert "/groepen/agenda/" in my

    post(reverse("groups:enrolment_cancel", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_signing_up_twice_gives_a_message_not_an_error(client, post):
    group = GroupPageFactory()
    client.force_login(UserFactory())
    post(reverse("groups:enrolment_create", args=[group.pk]))
    response = post(reverse("groups:enrolment_create", args=[group.pk]), follow=True)
    assert response.status_code == 200
    assert "al aangemeld" in response.content.decode()


def test_anonymous_sign_up_goes_to_the_login_page(client):
    group = GroupPageFactory()
    response = client.get(reverse("groups:enrolment_create", args=[group.pk]))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_nobody_sees_someone_elses_enrolment_or_offer(client, post):
    enrolment = offer_services.enrolment_create(group=GroupPageFactory(), person=UserFactory())
    client.force_login(UserFactory())
    assert client.get(reverse("groups:enrolment", args=[enrolment.pk])).status_code == 404
    assert post(reverse("groups:enrolment_cancel", args=[enrolment.pk])).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_a_forged_offer_link_is_a_404_and_an_expired_one_explains(client, post):
    group = GroupPageFactory(capacity=1)
    holder = offer_services.enrolment_create(group=group, person=UserFactory())
    waiting = offer_services.enrolment_create(group=group, person=UserFactory())
    offer_services.enrolment_cancel(enrolment=holder)
    waiting.refresh_from_db()
    client.force_login(waiting.person)
    assert client.get(reverse("groups:offer_accept", args=["vervalst"])).status_code == 404

    Enrolment.objects.filter(pk=waiting.pk).update(offer_expires_at="2000-01-01T00:00:00Z")
    response = post(reverse("groups:offer_accept", args=[waiting.offer_token]))
    assert response.status_code == 200
    assert "verlopen" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED


def test_accepting_an_offer_through_the_link(client, post):
    group = GroupPageFactory(capacity=1)
    holder = offer_services.enrolment_create(group=group, person=UserFactory())
    waiting = offer_services.enrolment_create(group=group, person=UserFactory())
    offer_services.enrolment_cancel(enrolment=holder)
    waiting.refresh_from_db()
    client.force_login(waiting.person)
    response = post(reverse("groups:offer_accept", args=[waiting.offer_token]))
    assert response.url == reverse("groups:enrolment", args=[waiting.pk])
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED


@pytest.mark.parametrize(
    "who, status",
    [
        ("own_trainer", 200),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("other_trainer", 404),
        ("participant", 404),
    ],
)
def test_participant_lists_only_for_own_trainers_and_own_coordinator(client, who, status):
    own_trainer = MembershipFactory(role=Role.TRAINER).user
    organisation = own_trainer.memberships.get().organisation
    group = GroupPageFactory(organisation=organisation, trainers=[own_trainer])
    participant = offer_services.enrolment_create(group=group, person=UserFactory()).person
    people = {
        "own_trainer": own_trainer,
        "coordinator": MembershipFactory(role=Role.COORDINATOR, organisation=organisation).user,
        "other_coordinator": MembershipFactory(role=Role.COORDINATOR).user,
        "other_trainer": MembershipFactory(role=Role.TRAINER, organisation=organisation).user,
        "participant": participant,
    }
    client.force_login(people[who])
    response = client.get(reverse("groups:participants", args=[group.pk]))
    assert response.status_code == status
    if status == 200:
        assert participant.full_name in response.content.decode()


def test_a_participant_never_sees_another_participant(client):
    group = GroupPageFactory()
    me = offer_services.enrolment_create(group=group, person=UserFactory()).person
    other = offer_services.enrolment_create(
        group=group, person=UserFactory(full_name="Zeer Geheim")
    ).person
    client.force_login(me)
    for url in (group.url, reverse("people:my")):
        assert other.full_name not in client.get(url).content.decode()


def test_assisted_enrolment_by_a_trainer_keeps_input_on_error(client, post):
    trainer = MembershipFactory(role=Role.TRAINER).user
    group = GroupPageFactory(
        organisation=trainer.memberships.get().organisation, trainers=[trainer]
    )
    client.force_login(trainer)
    url = reverse("groups:participants", args=[group.pk])
    response = post(url, {"full_name": "Kees Bos", "phone": "", "email": ""})
    assert response.status_code == 200
    assert 'value="Kees Bos"' in response.content.decode()
    assert not Enrolment.objects.exists()

    response = post(url, {"full_name": "Kees Bos", "phone": "06 1234 5678", "email": ""})
    assert response.status_code == 302
    assert Enrolment.objects.get().person.full_name == "Kees Bos"


# One of them counts the groups for the pages (groups.offer.listing).
OFFER_QUERIES = 13
# A group page stands in its organisation's part of the offer: Wagtail's
# routing reads a child and its specific page per level. One for whether the
# group has finished (its sign-up section), one for whether it is paused.
GROUP_PAGE_QUERIES = 27
# One more for the second factors ("Extra security"), one for open invitations,
# one for the meetings the person said they cannot come to, one for the
# person's own aftercare plans ("Mijn nazorg").
MY_WAAKVLAM_QUERIES = 23


def test_offer_index_query_count_does_not_grow_with_groups(assert_page_queries):
    first = GroupPageFactory()
    MeetingFactory(group=first)
    index = group_index()
    assert_page_queries(index.url, OFFER_QUERIES)
    for _ in range(10):
        group = GroupPageFactory()
        MeetingFactory(group=group)
        offer_services.enrolment_create(group=group, person=UserFactory())
    assert_page_queries(index.url, OFFER_QUERIES)


def test_group_page_and_my_waakvlam_query_counts_do_not_grow(client, assert_page_queries):
    group = GroupPageFactory(capacity=100)
    person = UserFactory()
    offer_services.enrolment_create(group=group, person=person)
    MeetingFactory(group=group)
    client.force_login(person)
    assert_page_queries(group.url, GROUP_PAGE_QUERIES)
    assert_page_queries(reverse("people:my"), MY_WAAKVLAM_QUERIES)
    for _ in range(10):
        MeetingFactory(group=group)
        offer_services.enrolment_create(group=group, person=UserFactory())
        other = GroupPageFactory()
        offer_services.enrolment_create(group=other, person=person)
        MeetingFactory(group=other)
    assert_page_queries(group.url, GROUP_PAGE_QUERIES)
    assert_page_queries(reverse("people:my"), MY_WAAKVLAM_QUERIES)


def test_an_editors_account_does_not_sign_up_for_a_group(client, post):
    editor = MembershipFactory(role=Role.EDITOR).user
    group = GroupPageFactory()
    client.force_login(editor)

    html = client.get(group.url).content.decode()
    assert "Met een account als redacteur kunt u zich niet aanmelden" in html
    assert reverse("groups:enrolment_create", args=[group.pk]) not in html

    response = post(reverse("groups:enrolment_create", args=[group.pk]), follow=True)
    assert "Met een account als redacteur kunt u zich niet aanmelden" in response.content.decode()
    assert not Enrolment.objects.filter(person=editor).exists()
