"""Accounts through django-allauth: sign-up with verification, log-in,
log-out, password reset, and the bad input each must survive."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from people.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Anna de Boer",
    "email": "anna@example.org",
    "password1": "rustig-aan-met-geld-7",
    "password2": "rustig-aan-met-geld-7",
}


def link_in(message):
    return re.search(r"https?://[^\s]+", message.body).group(0).replace("http://testserver", "")


def test_sign_up_sends_a_verification_mail_and_login_waits_for_it(client, post):
    response = post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="anna@example.org")
    assert user.full_name == "Anna de Boer"
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]

    login = post(
        reverse("account_login"), {"login": "anna@example.org", "password": SIGNUP["password1"]}
    )
    assert login.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_the_link_in_the_mail_verifies_the_address_and_then_login_works(client, post):
    post(reverse("account_signup"), SIGNUP)
    confirm_url = link_in(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    post(confirm_url)
    assert EmailAddress.objects.get(email="anna@example.org").verified

    response = post(
        reverse("account_login"), {"login": "ANNA@example.org", "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert response.url == reverse("people:my")
    page = client.get(reverse("people:my"))
    assert "Anna de Boer" in page.content.decode()


def test_a_tampered_verification_link_shows_a_clear_page_not_an_error(client, post):
    post(reverse("account_signup"), SIGNUP)
    confirm_url = link_in(mail.outbox[0])
    tampered = confirm_url[:-3] + ("aaa" if not confirm_url.endswith("aaa/") else "bbb") + "/"
    response = client.get(tampered)
    assert response.status_code in (200, 404)
    response = post(tampered)
    assert response.status_code in (200, 404)
    assert not EmailAddress.objects.get(email="anna@example.org").verified


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"email": "geen-adres"}, "email"),
        ({"password1": "12345", "password2": "12345"}, "password1"),
        ({"password2": "iets-anders-dan-eerst"}, "password2"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_sign_up_input_is_explained_and_typed_values_stay(client, post, changes, field):
    data = {**SIGNUP, **changes}
    response = post(reverse("account_signup"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    if data["full_name"]:
        assert 'value="Anna de Boer"' in html
    assert f'value="{data["email"]}"' in html
    assert SIGNUP["password1"] not in html
    assert not User.objects.filter(email="anna@example.org").exists()


def test_error_messages_are_in_dutch(client, post):
    response = post(reverse("account_signup"), {**SIGNUP, "password1": "12345"})
    messages = " ".join(
        str(e) for errors in response.context["form"].errors.values() for e in errors
    )
    assert "wachtwoord" in messages.lower()


def test_signing_up_with_a_used_address_reveals_nothing_and_sends_a_notice(client, post):
    existing = UserFactory(email="anna@example.org")
    response = post(reverse("account_signup"), SIGNUP)
    # Enumeration prevention: the page looks the same as a new sign-up.
    assert response.status_code == 302
    assert User.objects.filter(email="anna@example.org").get() == existing
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]


def test_wrong_password_keeps_the_address_and_says_so(client, post):
    user = UserFactory()
    response = post(reverse("account_login"), {"login": user.email, "password": "fout"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert f'value="{user.email}"' in response.content.decode()


def test_too_many_failed_logins_are_stopped_with_a_clear_message(client, post):
    user = UserFactory()
    for _ in range(5):
        post(reverse("account_login"), {"login": user.email, "password": "fout"})
    response = post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "te veel" in errors.lower() or "te vaak" in errors.lower()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, post):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("people:my")).status_code == 200
    response = post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("people:my")).status_code == 302


def test_password_reset_mail_leads_to_a_new_password(client, post):
    user = UserFactory()
    post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    reset_url = link_in(mail.outbox[0])
    form_page = client.get(reset_url, follow=True)
    assert form_page.status_code == 200
    post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url,
        {"password1": "nieuw-en-veilig-2026", "password2": "nieuw-en-veilig-2026"},
    )
    assert client.login(username=user.email, password="nieuw-en-veilig-2026")


def test_password_reset_for_an_unknown_address_gives_the_same_answer(client, post):
    response = post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
