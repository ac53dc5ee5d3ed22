"""A coordinator invites someone to a role by e-mail address: the
coordinator learns nothing about any account behind the address, and the
person decides on a page of their own."""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from wagtail.models import ModelLogEntry

from groups.models import EnrolmentInvitation, InvitationAnswer
from groups.offer import services as offer_services
from groups.tasks import prune_invitations
from people.invitations import services
from people.invitations.mail import role_invitation_url
from people.models import Membership, Role, RoleInvitation, RoleInvitationAnswer, User
from people.privacy import erase_personal_data, personal_data
from people.tasks import prune_role_invitations
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    RoleInvitationFactory,
    UserFactory,
)
from tests.groups.factories import GroupPageFactory
from tests.people.outbox.test_secrets import rows_containing

pytestmark = pytest.mark.django_db

INVITE_URL = "/admin/memberships/invite/"
LIST_URL = "/admin/role_invitations/"
LINK = re.compile(r"/mijn/uitnodiging/([A-Za-z0-9_-]+)/")
# What differs between two renders of one page: the form's secret and the
# script nonce.
VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce="|_TOKEN": ")[^"]+"')


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Op koers Utrecht")


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user__full_name="Carla Coördinator"
    ).user


@pytest.fixture
def henk():
    """An account elsewhere, with a name the coordinator must not learn."""
    return UserFactory(email="henk@example.org", full_name="Hendrik Geheim", phone="06 99887766")


def invite(post, organisation, email="henk@example.org", role=Role.TRAINER, name="Henk"):
    data = {"full_name": name, "email": email, "organisation": organisation.pk, "role": role}
    return post(INVITE_URL, data, follow=True)


def last_link():
    return LINK.search(mail.outbox[-1].body).group(0)


def test_the_roles_listing_offers_the_invite_form_with_own_organisations_and_grantable_roles(
    client, coordinator, organisation
):
    other = OrganisationFactory(name="Ander Verband")
    client.force_login(coordinator)
    assert INVITE_URL in client.get("/admin/memberships/").content.decode()
    html = client.get(INVITE_URL).content.decode()
    assert "Op koers Utrecht" in html and "Ander Verband" not in html
    assert 'value="trainer"' in html and 'value="editor"' not in html
    assert other.name not in html


def test_the_coordinator_sees_the_same_page_and_mail_whether_or_not_an_account_exists(
    client, post, coordinator, organisation, monkeypatch
):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)
    client.force_login(coordinator)
    pages, mails = [], []
    for account in (True, False):
        with transaction.atomic():
            if account:
                UserFactory(email="henk@example.org", full_name="Hendrik Geheim")
            response = invite(post, organisation)
            html = response.content.decode()
            pages.append(re.sub(r"/withdraw/\d+/", "/withdraw/N/", VOLATILE.sub("", html)))
            sent = mail.outbox[-1]
            mails.append((sent.to, sent.subject, LINK.sub("LINK", sent.body)))
            transaction.set_rollback(True)
    assert pages[0] == pages[1]
    assert mails[0] == mails[1]
    assert "Henk" in pages[0] and "henk@example.org" in pages[0]
    assert "uitnodiging verstuurd" in pages[0] and "Hendrik Geheim" not in pages[0]
    assert not User.objects.filter(email="henk@example.org").exists()


def test_inviting_makes_no_account_and_mails_the_typed_address(
    client, post, coordinator, organisation
):
    client.force_login(coordinator)
    invite(post, organisation, email="Nieuw@Example.org", name="Nadia")
    assert not User.objects.filter(email__iexact="nieuw@example.org").exists()
    invitation = RoleInvitation.objects.get()
    assert invitation.email == "nieuw@example.org" and invitation.invited_by == coordinator
    sent = mail.outbox[-1]
    assert sent.to == ["nieuw@example.org"]
    assert "Hallo Nadia," in sent.body
    assert "Carla Coördinator van Op koers Utrecht vraagt u om trainer te worden" in sent.body


@pytest.mark.parametrize("field", ["organisation", "role"])
def test_a_coordinator_cannot_invite_to_another_organisation_or_as_editor(
    client, post, coordinator, organisation, field
):
    client.force_login(coordinator)
    target = OrganisationFactory() if field == "organisation" else organisation
    role = Role.EDITOR if field == "role" else Role.TRAINER
    response = invite(post, target, role=role)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not RoleInvitation.objects.exists() and not mail.outbox


def test_the_service_refuses_what_the_form_does_not_offer(coordinator, organisation):
    with pytest.raises(ValidationError):
        services.role_invitation_create(
            organisation=OrganisationFactory(),
            role=Role.TRAINER,
            email="a@example.org",
            full_name="A",
            by=coordinator,
        )
    with pytest.raises(ValidationError):
        services.role_invitation_create(
            organisation=organisation,
            role=Role.EDITOR,
            email="a@example.org",
            full_name="A",
            by=coordinator,
        )


def test_an_editor_may_not_invite(client, organisation):
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).user
    client.force_login(editor)
    for url in (INVITE_URL, LIST_URL, "/admin/memberships/"):
        response = client.get(url)
        # Wagtail answers a refusal in its admin with the dashboard and a message.
        assert response.status_code in (302, 403) and "/invite/" not in response.content.decode()
    assert client.post(INVITE_URL, {"email": "x@example.org"}).status_code in (302, 403)
    assert not RoleInvitation.objects.exists()


def test_a_second_invitation_to_the_same_address_sends_a_fresh_mail_without_an_error(
    client, post, coordinator, organisation
):
    client.force_login(coordinator)
    invite(post, organisation)
    response = invite(post, organisation, email="HENK@example.org", name="Henk de Vries")
    assert "Uitnodiging verstuurd aan Henk de Vries" in response.content.decode()
    assert RoleInvitation.objects.get().name_typed == "Henk de Vries"
    assert len(mail.outbox) == 2 and mail.outbox[0].body.count("/mijn/uitnodiging/") >= 1


def test_accepting_gives_the_role_once(client, post, coordinator, organisation, henk):
    client.force_login(coordinator)
    invite(post, organisation)
    path = last_link()
    client.force_login(henk)
    page = client.get(path).content.decode()
    assert "Op koers Utrecht vraagt u om trainer te worden" in page and "Accepteren" in page
    response = post(path, {"answer": "accept"})
    assert response.status_code == 302 and response.url == reverse("people:my")
    membership = Membership.objects.get(user=henk)
    assert membership.organisation == organisation and membership.role == Role.TRAINER
    invitation = RoleInvitation.objects.get()
    assert invitation.answer == RoleInvitationAnswer.ACCEPTED
    assert invitation.membership == membership
    again = post(path, {"answer": "accept"})
    assert again.status_code == 404 and Membership.objects.filter(user=henk).count() == 1


def test_the_holder_of_the_link_may_accept_with_another_address(coordinator, organisation):
    invitation = services.role_invitation_create(
        organisation=organisation,
        role=Role.VOLUNTEER,
        email="werk@example.org",
        full_name="Sam",
        by=coordinator,
    )
    person = UserFactory(email="prive@example.org")
    membership = services.role_invitation_accept(invitation=invitation, person=person)
    assert membership.user == person and membership.role == Role.VOLUNTEER


def test_the_page_names_the_account_that_gets_the_role_and_the_log_keeps_who_accepted(
    client, post, coordinator, organisation
):
    invitation = services.role_invitation_create(
        organisation=organisation,
        role=Role.VOLUNTEER,
        email="werk@example.org",
        full_name="Sam",
        by=coordinator,
    )
    path = role_invitation_url(invitation).split("127.0.0.1:8000")[-1]
    person = UserFactory(email="prive@example.org")
    client.force_login(person)
    html = client.get(path).content.decode()
    assert "krijgt uw account prive@example.org deze rol" in html
    assert "werk@example.org" not in html
    post(path, {"answer": "accept"})
    membership = Membership.objects.get(user=person)
    entry = ModelLogEntry.objects.get(action="wagtail.create", object_id=str(membership.pk))
    assert entry.user_id == person.pk


def test_declining_needs_no_login_and_the_coordinator_sees_declined(
    client, post, coordinator, organisation
):
    client.force_login(coordinator)
    invite(post, organisation, email="kees@example.org", name="Kees")
    path = last_link()
    client.logout()
    assert post(path, {"answer": "decline"}).status_code == 302
    assert RoleInvitation.objects.get().answer == RoleInvitationAnswer.DECLINED
    assert not Membership.objects.filter(role=Role.TRAINER).exists()
    client.force_login(coordinator)
    html = client.get(LIST_URL).content.decode()
    assert "Kees" in html and "geweigerd" in html


def test_accepting_without_login_goes_to_login_and_back(client, post, coordinator, organisation):
    client.force_login(coordinator)
    invite(post, organisation)
    path = last_link()
    client.logout()
    html = client.get(path).content.decode()
    assert reverse("account_signup") in html and f"next={path}" in unquote(html)
    response = post(path, {"answer": "accept"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login")) and path in unquote(response.url)
    assert RoleInvitation.objects.get().answered_at is None


def test_expired_answered_withdrawn_and_unknown_links_get_one_calm_page(
    client, post, coordinator, organisation, henk
):
    paths = []
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        invitation = services.role_invitation_create(
            organisation=organisation,
            role=Role.TRAINER,
            email=email,
            full_name="X",
            by=coordinator,
        )
        paths.append(role_invitation_url(invitation).split("127.0.0.1:8000")[-1])
    first, second, third = RoleInvitation.objects.order_by("pk")
    RoleInvitation.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    services.role_invitation_decline(invitation=second)
    services.role_invitation_withdraw(invitation=third, by=coordinator)
    client.force_login(henk)
    pages = set()
    for path in [*paths, "/mijn/uitnodiging/" + "a" * 64 + "/"]:
        response = client.get(path)
        assert response.status_code == 404
        pages.add(VOLATILE.sub("", response.content.decode()))
    assert len(pages) == 1 and "kan niet meer gebruikt worden" in pages.pop()
    assert not Membership.objects.filter(user=henk).exists()


def test_the_token_is_in_no_table_nor_task(post, client, coordinator, organisation):
    client.force_login(coordinator)
    invite(post, organisation)
    token = LINK.search(mail.outbox[-1].body).group(1)
    assert rows_containing(token) == []
    assert RoleInvitation.objects.get().token_hash == RoleInvitation.hash_token(token)


def test_a_coordinator_withdraws_an_open_invitation_of_their_own_organisation_only(
    client, post, coordinator, organisation
):
    own = RoleInvitationFactory(organisation=organisation, name_typed="Eigen Uitnodiging")
    other = RoleInvitationFactory(name_typed="Vreemde Uitnodiging")
    client.force_login(coordinator)
    html = client.get(LIST_URL).content.decode()
    assert "Eigen Uitnodiging" in html and "Vreemde Uitnodiging" not in html
    searched = client.get(
        LIST_URL, {"q": "Eigen", "role": "trainer", "organisation": organisation.pk}
    )
    assert searched.status_code == 200 and "Eigen Uitnodiging" in searched.content.decode()
    assert client.get(f"{LIST_URL}withdraw/{other.pk}/").status_code == 404
    assert post(f"{LIST_URL}withdraw/{own.pk}/").status_code == 302
    own.refresh_from_db()
    assert own.answer == RoleInvitationAnswer.WITHDRAWN


def test_role_invitations_are_in_the_data_download_and_erased_with_the_account(
    coordinator, organisation, henk
):
    services.role_invitation_create(
        organisation=organisation,
        role=Role.TRAINER,
        email=henk.email,
        full_name="Henk",
        by=coordinator,
    )
    [exported] = personal_data(henk)["role_invitations"]
    assert exported["organisation"] == "Op koers Utrecht" and exported["answer"] == "open"
    assert personal_data(coordinator)["role_invitations"] == []
    erase_personal_data(henk)
    assert not RoleInvitation.objects.exists()


def test_old_answered_and_expired_invitations_are_removed_daily(settings, organisation):
    settings.INVITATION_RETENTION_DAYS = 30
    long_ago = timezone.now() - timedelta(days=31)
    RoleInvitationFactory(answered_at=long_ago, answer=RoleInvitationAnswer.DECLINED)
    RoleInvitationFactory(expires_at=long_ago)
    recent = RoleInvitationFactory(answered_at=timezone.now(), answer="accepted")
    still_open = RoleInvitationFactory()
    assert prune_role_invitations() == 2
    assert set(RoleInvitation.objects.all()) == {recent, still_open}

    group = GroupPageFactory()
    old = offer_services.invitation_create(
        group=group, full_name="A", email="a@example.org", by=None
    )
    offer_services.invitation_create(group=group, full_name="B", email="b@example.org", by=None)
    EnrolmentInvitation.objects.filter(pk=old.pk).update(
        answered_at=long_ago, answer=InvitationAnswer.DECLINED
    )
    assert prune_invitations() == 1 and EnrolmentInvitation.objects.count() == 1
    for func in ("people.tasks.prune_role_invitations", "groups.tasks.prune_invitations"):
        assert Schedule.objects.get(func=func).schedule_type == Schedule.DAILY
