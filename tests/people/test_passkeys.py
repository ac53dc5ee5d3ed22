"""Passkeys (WebAuthn) as a second factor, next to the authenticator app
(DESIGN.md invariant 13): staff may make one instead of the app, log in
with it alone or after their password, and keep at least one second
factor; a passkey's answer that is wrong or malformed gets a Dutch message,
never a server error. A passkey in software (tests.passkeys) answers."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from people.models import Role
from people.second_factor import export_second_factors
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.helpers import TOTP_SECRET, give_authenticator_app, nl, totp_code
from tests.passkeys import HOST, SoftPasskey
from tests.website.test_admin_csp import inline_scripts, policy

pytestmark = pytest.mark.django_db

ADMIN = reverse("wagtailadmin_home")
ADD = reverse("mfa_add_webauthn")
AUTHENTICATE = reverse("mfa_authenticate")
PASSKEY_LOGIN = reverse("mfa_login_webauthn")
WRONG = "This passkey did not work. Try again, or log in in another way."


def browser():
    # fido2 accepts http only on localhost.
    return Client(HTTP_HOST=HOST)


def password_login(client, user, next_url=ADMIN):
    return client.post(
        f"{reverse('account_login')}?next={next_url}",
        {"login": user.email, "password": PASSWORD},
    )


def make_passkey(client, passkey, next_url=ADMIN, name="Telefoon"):
    page = client.get(f"{ADD}?next={next_url}")
    assert page.status_code == 200
    credential = passkey.register(page.context["js_data"]["creation_options"])
    return client.post(
        ADD,
        {
            "name": name,
            "passwordless": "on",
            "credential": json.dumps(credential),
            "next": next_url,
        },
    )


@pytest.fixture
def coordinator():
    return MembershipFactory(role=Role.COORDINATOR).user


@pytest.fixture
def with_passkey(coordinator):
    """A coordinator who made a passkey at the first log-in, and the key."""
    client, passkey = browser(), SoftPasskey()
    password_login(client, coordinator)
    make_passkey(client, passkey)
    return coordinator, passkey


def test_staff_make_a_passkey_instead_of_the_app_and_go_on_where_they_were(coordinator):
    client, passkey = browser(), SoftPasskey()
    password_login(client, coordinator)
    response = client.get(ADMIN)
    assert response.url.startswith(reverse("mfa_activate_totp"))
    assert f'href="{ADD}?next=%2Fadmin%2F"' in client.get(response.url).content.decode()

    response = make_passkey(client, passkey)

    assert response.url == f"{reverse('mfa_view_recovery_codes')}?next=%2Fadmin%2F"
    assert client.get(ADMIN).status_code == 200
    (key,) = Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Telefoon"
    assert key.wrap().is_passwordless is True
    assert not Authenticator.objects.filter(user=coordinator, type="totp").exists()


def test_the_password_then_the_passkey_opens_the_admin(with_passkey):
    coordinator, passkey = with_passkey
    client = browser()
    assert password_login(client, coordinator).url == AUTHENTICATE
    page = client.get(AUTHENTICATE)
    html = page.content.decode()
    assert 'id="mfa_webauthn_authenticate"' in html
    assert nl("Recovery code") in html  # no app, so no app's code is asked for

    answer = passkey.answer(page.context["js_data"]["request_options"])
    response = client.post(AUTHENTICATE, {"credential": json.dumps(answer)})

    assert response.url == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_the_passkey_alone_logs_in_and_counts_as_the_second_factor(with_passkey):
    coordinator, passkey = with_passkey
    client = browser()
    options = client.get(PASSKEY_LOGIN, headers={"accept": "application/json"}).json()
    answer = passkey.answer(options["request_options"])

    response = client.post(PASSKEY_LOGIN, {"credential": json.dumps(answer)})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    assert client.get(ADMIN).status_code == 200


def test_a_session_without_the_passkey_is_sent_to_use_it(with_passkey):
    coordinator, _ = with_passkey
    client = browser()
    client.force_login(coordinator)  # as Wagtail's own login form would
    response = client.get(ADMIN)
    assert response.url == f"{reverse('mfa_reauthenticate_webauthn')}?next=%2Fadmin%2F"


@pytest.mark.parametrize(
    "credential",
    ["{}", "[]", '"x"', "1", "not json", '{"id": "x", "response": {}}', '{"response": 5}'],
)
def test_a_malformed_answer_gets_a_dutch_message_and_no_error(with_passkey, credential):
    coordinator, _ = with_passkey
    client = browser()
    password_login(client, coordinator)
    client.get(AUTHENTICATE)
    response = client.post(AUTHENTICATE, {"credential": credential})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    anonymous = browser()
    anonymous.get(PASSKEY_LOGIN, headers={"accept": "application/json"})
    response = anonymous.post(PASSKEY_LOGIN, {"credential": credential}, follow=True)
    assert response.status_code == 200
    assert "_auth_user_id" not in anonymous.session


def test_an_answer_from_another_key_is_refused_in_dutch(with_passkey):
    coordinator, _ = with_passkey
    client = browser()
    anonymous_key = SoftPasskey()
    anonymous_key.user_handle = b"nobody"
    client.get(PASSKEY_LOGIN, headers={"accept": "application/json"})
    options = client.get(PASSKEY_LOGIN, headers={"accept": "application/json"}).json()
    response = client.post(
        PASSKEY_LOGIN,
        {"credential": json.dumps(anonymous_key.answer(options["request_options"]))},
        follow=True,
    )
    assert nl(WRONG) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_malformed_new_passkey_is_refused_and_the_form_says_why():
    participant = UserFactory()
    client = browser()
    password_login(client, participant, next_url=reverse("people:my"))
    client.get(ADD)
    response = client.post(ADD, {"name": "Laptop", "credential": '{"response": {}}'})
    assert response.status_code == 200
    assert nl("Making the passkey did not work. Try again.") in response.content.decode()
    assert not Authenticator.objects.filter(user=participant).exists()


def test_staff_keep_their_last_second_factor(with_passkey):
    coordinator, passkey = with_passkey
    client = browser()
    password_login(client, coordinator)
    page = client.get(AUTHENTICATE)
    answer = passkey.answer(page.context["js_data"]["request_options"])
    client.post(AUTHENTICATE, {"credential": json.dumps(answer)})
    key = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.WEBAUTHN)
    remove = reverse("mfa_remove_webauthn", args=[key.pk])

    assert 'action="' + remove not in client.get(remove).content.decode()
    client.post(remove)
    assert Authenticator.objects.filter(pk=key.pk).exists()

    # With the app as well, the passkey may go, and then the app may not.
    give_authenticator_app(coordinator)
    client.post(remove)
    assert not Authenticator.objects.filter(pk=key.pk).exists()
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()


def test_staff_with_a_passkey_may_switch_the_app_off(with_passkey):
    coordinator, passkey = with_passkey
    give_authenticator_app(coordinator)
    client = browser()
    password_login(client, coordinator)
    client.post(AUTHENTICATE, {"code": totp_code(TOTP_SECRET)})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert Authenticator.objects.filter(user=coordinator, type="webauthn").exists()


def test_a_participant_renames_and_removes_a_passkey_from_mijn_waakvlam():
    participant = UserFactory()
    client = browser()
    password_login(client, participant, next_url=reverse("people:my"))
    assert f'href="{ADD}"' in client.get(reverse("people:my")).content.decode()
    make_passkey(client, SoftPasskey(), next_url=reverse("people:my"))
    key = Authenticator.objects.get(user=participant, type=Authenticator.Type.WEBAUTHN)
    assert "U heeft 1 passkey." in client.get(reverse("people:my")).content.decode()

    client.post(reverse("mfa_edit_webauthn", args=[key.pk]), {"name": "Werklaptop"})
    key.refresh_from_db()
    assert key.wrap().name == "Werklaptop"
    client.post(reverse("mfa_remove_webauthn", args=[key.pk]))
    assert not Authenticator.objects.filter(pk=key.pk).exists()


def test_the_data_download_names_the_passkey_but_not_its_credential(with_passkey):
    coordinator, passkey = with_passkey
    key = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.WEBAUTHN)
    exported = json.dumps(export_second_factors(coordinator))
    assert '"name": "Telefoon"' in exported
    for secret in (
        key.data["credential"]["id"],
        key.data["credential"]["response"]["attestationObject"],
        "credential",
    ):
        assert secret not in exported


def test_insecure_origins_are_never_allowed():
    # http://localhost is enough for development and tests.
    assert getattr(settings, "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False) is False


def test_the_passkey_pages_run_only_allauths_static_script(with_passkey):
    """The site's policy allows scripts from the site itself and with the
    nonce; allauth's passkey pages load its static files and pass their
    settings as JSON data, which no policy blocks."""
    coordinator, passkey = with_passkey
    pages = [browser().get(reverse("account_login"))]
    client = browser()
    password_login(client, coordinator)
    page = client.get(AUTHENTICATE)
    pages.append(page)
    answer = passkey.answer(page.context["js_data"]["request_options"])
    client.post(AUTHENTICATE, {"credential": json.dumps(answer)})
    pages += [client.get(ADD), client.get(reverse("mfa_reauthenticate_webauthn"))]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "/static/mfa/js/webauthn.js" in html
        assert list(inline_scripts(html)) == []
        assert "'unsafe-inline'" not in policy(response)["script-src"]
