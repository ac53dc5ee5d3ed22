"""Two-factor login (DESIGN.md invariant 13): staff who see other people's
personal data set up an authenticator app before they reach anything else,
and type its code at every log-in; everyone else may switch it on."""

from urllib.parse import urlencode

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from people.models import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory
from tests.helpers import TOTP_SECRET, give_authenticator_app, nl, totp_code

pytestmark = pytest.mark.django_db

ADMIN = reverse("wagtailadmin_home")
ACTIVATE = reverse("mfa_activate_totp")
AUTHENTICATE = reverse("mfa_authenticate")


def with_next(url, next_url):
    return f"{url}?{urlencode({'next': next_url})}"


def password_login(client, user, next_url=ADMIN):
    return client.post(
        with_next(reverse("account_login"), next_url),
        {"login": user.email, "password": PASSWORD},
    )


def the_code_opens_the_admin(client, code_url):
    response = client.post(code_url, {"code": totp_code(TOTP_SECRET)})
    assert response.url == ADMIN
    assert client.get(ADMIN).status_code == 200


@pytest.fixture
def coordinator():
    return MembershipFactory(role=Role.COORDINATOR).user


@pytest.fixture
def participants_url(coordinator):
    group = GroupPageFactory(organisation=coordinator.memberships.get().organisation)
    return reverse("groups:participants", args=[group.pk])


@pytest.mark.parametrize(
    "make_staff",
    [
        lambda: MembershipFactory(role=Role.COORDINATOR).user,
        lambda: MembershipFactory(role=Role.EDITOR).user,
        lambda: UserFactory(is_staff=True, is_superuser=True),
    ],
    ids=["coordinator", "editor", "superuser"],
)
def test_staff_without_an_app_are_sent_to_set_one_up_from_the_admin(make_staff):
    client = Client()
    staff = make_staff()
    response = password_login(client, staff)
    assert response.url == ADMIN
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == with_next(ACTIVATE, ADMIN)
    assert client.get(response.url).status_code == 200


def test_a_coordinator_without_an_app_cannot_open_a_participant_list(coordinator, participants_url):
    client = Client()
    client.force_login(coordinator)
    response = client.get(participants_url)
    assert response.url == with_next(ACTIVATE, participants_url)
    for page in ("people:my", "people:account_delete", "people:data_download"):
        assert client.get(reverse(page)).url.startswith(ACTIVATE), page


def test_a_participant_is_not_asked_for_a_second_factor():
    client = Client()
    participant = UserFactory()
    response = password_login(client, participant, next_url=reverse("people:my"))
    assert response.url == reverse("people:my")
    assert client.get(reverse("people:my")).status_code == 200


def test_setting_up_the_app_with_its_code_leads_to_where_they_were_going():
    client = Client()
    editor = MembershipFactory(role=Role.EDITOR).user
    password_login(client, editor)
    page = client.get(with_next(ACTIVATE, ADMIN))
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()  # the QR code
    secret = page.context["form"].secret
    assert secret in page.content.decode()  # to type in by hand

    response = client.post(ACTIVATE, {"code": totp_code(secret), "next": ADMIN})
    codes_url = with_next(reverse("mfa_view_recovery_codes"), ADMIN)
    assert response.url == codes_url
    codes = client.get(codes_url)
    assert codes.context["next_url"] == ADMIN
    assert len(codes.context["unused_codes"]) == 10
    assert client.get(reverse("mfa_download_recovery_codes")).status_code == 200
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_while_setting_up_is_refused_in_dutch():
    client = Client()
    password_login(client, MembershipFactory(role=Role.EDITOR).user)
    client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": "000000"})
    assert response.status_code == 200
    assert nl("This code is not correct. Type the code your app shows now.") in (
        response.content.decode()
    )
    assert not Authenticator.objects.exists()


def test_a_coordinator_with_an_app_types_the_code_at_login_and_reaches_the_admin(
    coordinator,
):
    give_authenticator_app(coordinator)
    client = Client()
    response = password_login(client, coordinator)
    assert response.url == AUTHENTICATE
    assert "_auth_user_id" not in client.session
    the_code_opens_the_admin(client, AUTHENTICATE)


def test_a_wrong_code_at_login_gives_a_dutch_error_and_no_login(coordinator):
    give_authenticator_app(coordinator)
    client = Client()
    password_login(client, coordinator)
    response = client.post(AUTHENTICATE, {"code": "123456"})
    assert response.status_code == 200
    assert nl("This code is not correct. Type the code your app shows now.") in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_logs_in_once(coordinator):
    give_authenticator_app(coordinator)
    code = RecoveryCodes.activate(coordinator).generate_codes()[0]
    first, second = Client(), Client()
    password_login(first, coordinator)
    assert first.post(AUTHENTICATE, {"code": code}).url == ADMIN
    password_login(second, coordinator)
    assert second.post(AUTHENTICATE, {"code": code}).status_code == 200
    assert "_auth_user_id" not in second.session


def test_a_session_that_logged_in_with_only_a_password_must_type_the_code(coordinator):
    give_authenticator_app(coordinator)
    client = Client()
    client.force_login(coordinator)  # Django's own: no second factor recorded
    response = client.get(ADMIN)
    reauthenticate = with_next(reverse("mfa_reauthenticate"), ADMIN)
    assert response.url == reauthenticate
    the_code_opens_the_admin(client, reauthenticate)


def test_the_admin_login_form_cannot_skip_the_second_factor(coordinator):
    give_authenticator_app(coordinator)
    client = Client()
    admin_login = reverse("wagtailadmin_login")
    response = client.get(with_next(admin_login, "/admin/pages/"))
    assert response.url == with_next(reverse("account_login"), "/admin/pages/")
    response = client.post(admin_login, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_staff_cannot_switch_the_app_off_but_a_participant_can(client):
    editor = MembershipFactory(role=Role.EDITOR).user
    client.force_login(editor)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert nl(
        "In your role, an extra check at log-in is required. Keep your app or at least one passkey."
    ) in (response.content.decode())
    assert Authenticator.objects.filter(user=editor).exists()

    participant = UserFactory()
    give_authenticator_app(participant)
    other = Client()
    password_login(other, participant, next_url=reverse("people:my"))
    other.post(AUTHENTICATE, {"code": totp_code(TOTP_SECRET)})
    response = other.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=participant).exists()
