"""Signing someone up by e-mail address is an invitation the person
confirms: the trainer learns nothing about any account behind the address."""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from groups.models import Enrolment, EnrolmentInvitation, EnrolmentStatus, InvitationAnswer
from groups.offer import services as offer_services
from people.models import Role, User
from people.privacy import erase_personal_data, personal_data
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, MeetingFactory
from tests.people.outbox.test_secrets import rows_containing

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
INVITATION_PATH = re.compile(r"/groepen/uitnodiging/[A-Za-z0-9_-]+/")
# The participants page: the group, its sign-ups, its invitations, the user and
# session, the roles the second-factor check reads and the audit entry it leaves;
# whether the group is paused (the pause link).
PARTICIPANTS_QUERIES = 18


@pytest.fixture
def trainer():
    return MembershipFactory(role=Role.TRAINER, user__full_name="Truus Trainer").user


@pytest.fixture
def group(trainer):
    group = GroupPageFactory(
        title="Lotgenoten Oost",
        organisation=trainer.memberships.get().organisation,
        trainers=[trainer],
        capacity=2,
    )
    MeetingFactory(group=group)
    return group


@pytest.fixture
def henk():
    """An account in another organisation, the superuser even."""
    return UserFactory(
        email="henk@example.org", full_name="Hendrik Geheim", phone="06 99887766", is_superuser=True
    )


def invite(post, group, email, name="Henk"):
    return post(
        reverse("groups:participants", args=[group.pk]),
        {"full_name": name, "phone": "", "email": email},
        follow=True,
    )


def invitation_path():
    return INVITATION_PATH.findall(mail.outbox[-1].body)[0]


def test_a_trainer_typing_a_known_address_sees_only_the_typed_name(
    client, post, trainer, group, henk
):
    client.force_login(trainer)
    response = invite(post, group, "HENK@example.org")
    later = client.get(reverse("groups:participants", args=[group.pk]))
    for html in (response.content.decode(), later.content.decode()):
        assert "Henk" in html and "uitnodiging verstuurd" in html
        assert "Hendrik Geheim" not in html and "99887766" not in html
    assert not Enrolment.objects.exists()
    assert EnrolmentInvitation.objects.get().email == "henk@example.org"
    assert mail.outbox[-1].to == ["henk@example.org"]
    body = mail.outbox[-1].body
    assert "Hallo Henk," in body and "Truus Trainer van" in body
    assert "wil u aanmelden voor Lotgenoten Oost" in body and "Hendrik" not in body


def test_the_trainer_gets_the_same_page_for_a_known_and_an_unknown_address(
    client, post, trainer, group, henk
):
    client.force_login(trainer)
    pages = []
    for email in ("henk@example.org", "niemand@example.org"):
        with transaction.atomic():
            response = invite(post, group, email)
            pages.append(CSRF.sub("", response.content.decode()))
            transaction.set_rollback(True)
    assert pages[0] == pages[1]
    assert not User.objects.filter(email="niemand@example.org").exists()


def test_confirming_signs_the_person_up_with_a_place(client, post, trainer, group, henk):
    client.force_login(trainer)
    invite(post, group, "henk@example.org")
    path = invitation_path()
    client.force_login(henk)
    page = client.get(path).content.decode()
    assert "Lotgenoten Oost" in page and "Truus Trainer" in page and "Bevestigen" in page
    response = post(path, {"answer": "confirm"})
    enrolment = Enrolment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("groups:enrolment", args=[enrolment.pk])
    assert enrolment.person == henk and enrolment.status == EnrolmentStatus.ENROLLED
    invitation = EnrolmentInvitation.objects.get()
    assert invitation.answer == InvitationAnswer.CONFIRMED and invitation.enrolment == enrolment

    client.force_login(trainer)
    html = client.get(reverse("groups:participants", args=[group.pk])).content.decode()
    assert "Hendrik Geheim" in html and "uitnodiging verstuurd" not in html


def test_confirming_when_the_group_is_full_puts_the_person_on_the_waiting_list(
    client, post, trainer, group, henk
):
    for _ in range(group.capacity):
        offer_services.enrolment_create(group=group, person=UserFactory())
    offer_services.invitation_create(group=group, full_name="Henk", email=henk.email, by=trainer)
    invitation = EnrolmentInvitation.objects.get()
    enrolment = offer_services.invitation_confirm(invitation=invitation, person=henk)
    assert enrolment.status == EnrolmentStatus.WAITING


def test_declining_needs_no_login_and_the_trainer_sees_declined(client, post, trainer, group):
    client.force_login(trainer)
    invite(post, group, "kees@example.org", name="Kees")
    path = invitation_path()
    client.logout()
    assert post(path, {"answer": "decline"}).status_code == 302
    assert EnrolmentInvitation.objects.get().answer == InvitationAnswer.DECLINED
    assert not Enrolment.objects.exists()
    client.force_login(trainer)
    html = client.get(reverse("groups:participants", args=[group.pk])).content.decode()
    assert "Kees" in html and "geweigerd" in html


def test_confirming_without_login_goes_to_login_and_back(client, post, trainer, group):
    client.force_login(trainer)
    invite(post, group, "kees@example.org")
    path = invitation_path()
    client.logout()
    html = client.get(path).content.decode()
    assert reverse("account_signup") in html
    response = post(path, {"answer": "confirm"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login")) and path in unquote(response.url)
    assert not Enrolment.objects.exists()


def test_another_account_cannot_confirm_and_learns_nothing(client, post, trainer, group, henk):
    client.force_login(trainer)
    invite(post, group, "henk@example.org")
    path = invitation_path()
    client.force_login(UserFactory(email="ander@example.org"))
    html = client.get(path).content.decode()
    assert "ander e-mailadres" in html and "henk@example.org" not in html
    response = post(path, {"answer": "confirm"})
    assert response.status_code == 200
    assert "henk@example.org" not in response.content.decode()
    assert not Enrolment.objects.exists()
    assert EnrolmentInvitation.objects.get().answered_at is None


def test_expired_answered_and_unknown_links_get_one_and_the_same_page(
    client, post, trainer, group, henk
):
    client.force_login(trainer)
    invite(post, group, "henk@example.org")
    expired_path = invitation_path()
    EnrolmentInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    invite(post, group, "kees@example.org", name="Kees")
    answered_path = invitation_path()
    post(answered_path, {"answer": "decline"}, follow=True)
    client.force_login(henk)
    pages = set()
    for path in (expired_path, answered_path, "/groepen/uitnodiging/" + "a" * 64 + "/"):
        response = client.get(path)
        assert response.status_code == 404
        pages.add(CSRF.sub("", response.content.decode()))
    assert len(pages) == 1 and "kan niet meer gebruikt worden" in pages.pop()
    assert client.get("/groepen/uitnodiging/a%00b/").status_code == 404
    client.force_login(trainer)
    html = client.get(reverse("groups:participants", args=[group.pk])).content.decode()
    assert "verlopen" in html and "geweigerd" in html


def test_the_token_is_in_no_table_after_sending(post, client, trainer, group):
    client.force_login(trainer)
    invite(post, group, "kees@example.org")
    token = invitation_path().rstrip("/").rsplit("/", 1)[1]
    assert rows_containing(token) == []
    assert EnrolmentInvitation.objects.get().token_hash == EnrolmentInvitation.hash_token(token)


def test_a_second_invitation_to_the_same_address_renews_the_open_one(trainer, group):
    first = offer_services.invitation_create(
        group=group, full_name="Henk", email="henk@example.org", by=trainer
    )
    again = offer_services.invitation_create(
        group=group, full_name="Henk de Vries", email="Henk@Example.org", by=trainer
    )
    assert again.pk == first.pk and again.name_typed == "Henk de Vries"
    assert EnrolmentInvitation.objects.count() == 1

    EnrolmentInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    fresh = offer_services.invitation_create(
        group=group, full_name="Henk", email="henk@example.org", by=trainer
    )
    assert fresh.pk != first.pk and fresh.token() != first.token()
    first.refresh_from_db()
    assert first.answer == InvitationAnswer.EXPIRED
    assert EnrolmentInvitation.objects.unanswered().count() == 1


def test_an_answered_invitation_cannot_be_answered_again(trainer, group, henk):
    invitation = offer_services.invitation_create(
        group=group, full_name="Henk", email=henk.email, by=trainer
    )
    offer_services.invitation_decline(invitation=invitation)
    with pytest.raises(ValidationError):
        offer_services.invitation_confirm(invitation=invitation, person=henk)


def test_my_waakvlam_lists_open_invitations_with_their_link(client, post, trainer, group, henk):
    client.force_login(trainer)
    invite(post, group, "henk@example.org")
    path = invitation_path()
    client.force_login(henk)
    html = client.get(reverse("people:my")).content.decode()
    assert "Uitnodigingen" in html and path in html
    client.force_login(UserFactory())
    assert path not in client.get(reverse("people:my")).content.decode()


def test_invitations_are_in_the_data_download_and_erased_with_the_account(trainer, group, henk):
    offer_services.invitation_create(group=group, full_name="Henk", email=henk.email, by=trainer)
    [exported] = personal_data(henk)["invitations"]
    assert exported["group"] == "Lotgenoten Oost" and exported["answer"] == "open"
    assert "invitations" not in personal_data(trainer) or not personal_data(trainer)["invitations"]
    erase_personal_data(henk)
    assert not EnrolmentInvitation.objects.exists()


def test_participants_page_query_count_does_not_grow_with_invitations(
    client, trainer, group, assert_page_queries
):
    client.force_login(trainer)
    url = reverse("groups:participants", args=[group.pk])
    offer_services.enrolment_create(group=group, person=UserFactory())
    offer_services.invitation_create(group=group, full_name="A", email="a@example.org", by=trainer)
    assert_page_queries(url, PARTICIPANTS_QUERIES)
    for number in range(10):
        offer_services.invitation_create(
            group=group, full_name=f"N{number}", email=f"n{number}@example.org", by=trainer
        )
    assert_page_queries(url, PARTICIPANTS_QUERIES)
