"""What the second factor leaves in the database, and what people and
operators can do with it: secrets encrypted at rest, the person's data
download and erasure, the Mijn Waakvlam section, the operator's reset."""

import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import InvalidToken
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from people.models import Role
from people.permissions import must_use_second_factor
from people.second_factor_adapter import SecondFactorAdapter
from people.services import user_anonymise
from tests.factories import MembershipFactory, UserFactory
from tests.helpers import TOTP_SECRET, give_authenticator_app, nl, squeezed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "staff", "must"),
    [
        (Role.COORDINATOR, False, True),
        (Role.EDITOR, False, True),
        (Role.TRAINER, False, False),
        (Role.VOLUNTEER, False, False),
        (None, True, True),
        (None, False, False),
    ],
)
def test_who_must_use_a_second_factor(role, staff, must):
    user = MembershipFactory(role=role).user if role else UserFactory(is_staff=staff)
    assert must_use_second_factor(user) is must


def test_the_app_secret_and_the_recovery_seed_are_encrypted_at_rest():
    user = UserFactory()
    authenticator = give_authenticator_app(user)
    codes = RecoveryCodes.activate(user)
    stored = json.dumps(
        list(Authenticator.objects.filter(user=user).values_list("data", flat=True))
    )
    assert TOTP_SECRET not in stored
    seed = SecondFactorAdapter().decrypt(codes.instance.data["seed"])
    assert seed not in stored
    assert SecondFactorAdapter().decrypt(authenticator.data["secret"]) == TOTP_SECRET


def test_secrets_stay_readable_after_the_secret_key_moves_to_the_fallbacks(settings):
    encrypted = SecondFactorAdapter().encrypt(TOTP_SECRET)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-after-rotation"
    assert SecondFactorAdapter().decrypt(encrypted) == TOTP_SECRET
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(InvalidToken):
        SecondFactorAdapter().decrypt(encrypted)


def test_the_data_download_names_the_second_factors_but_no_secret(client):
    user = UserFactory()
    give_authenticator_app(user)
    codes = RecoveryCodes.activate(user).generate_codes()
    client.force_login(user)
    body = client.get(reverse("people:data_download")).content.decode()
    factors = json.loads(body)["second_factors"]
    assert {factor["type"] for factor in factors} == {
        nl("TOTP Authenticator"),
        nl("Recovery codes"),
    }
    assert all(factor["created_at"] for factor in factors)
    assert TOTP_SECRET not in body
    assert not any(code in body for code in codes)


def test_deleting_an_account_removes_its_second_factors():
    user = UserFactory()
    give_authenticator_app(user)
    user_anonymise(user=user)
    assert not Authenticator.objects.filter(user=user).exists()


def test_mijn_waakvlam_offers_extra_security_and_says_whether_it_is_on(client):
    user = UserFactory()
    client.force_login(user)
    page = squeezed(client.get(reverse("people:my")).content.decode())
    assert nl("Off: you log in with only your password.") in page
    assert f'href="{reverse("mfa_activate_totp")}"' in page

    give_authenticator_app(user)
    RecoveryCodes.activate(user)
    page = squeezed(client.get(reverse("people:my")).content.decode())
    assert nl("Off: you log in with only your password.") not in page
    assert "10" in page and f'href="{reverse("mfa_index")}"' in page


def test_the_reset_command_removes_the_factors_ends_the_sessions_and_says_so(capsys):
    coordinator = MembershipFactory(role=Role.COORDINATOR).user
    give_authenticator_app(coordinator)
    RecoveryCodes.activate(coordinator)
    lost_phone, other = Client(), Client()
    lost_phone.force_login(coordinator)
    other.force_login(UserFactory())

    call_command("reset_second_factor", coordinator.email.upper())

    output = capsys.readouterr().out
    assert coordinator.email in output and "ended 1 session" in output
    assert not Authenticator.objects.filter(user=coordinator).exists()
    assert Session.objects.count() == 1  # the other person's
    assert lost_phone.get(reverse("people:my")).status_code == 302


def test_the_reset_command_refuses_an_unknown_address_or_nothing_to_reset():
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "niemand@example.org")
    with pytest.raises(CommandError):
        call_command("reset_second_factor", UserFactory().email)
