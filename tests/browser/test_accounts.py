"""The account journeys as a visitor walks them: sign up, verify, log in and
out; forget and reset the password; make mistakes. axe-core checks every page
on the way.

Elements are found by id, name and href, not by text: the Dutch translations
are still being written.
"""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from playwright.sync_api import expect

from people.models import User

from .helpers import link_from_mail, path_of, submit_button

pytestmark = pytest.mark.browser

LOGIN = "/account/login/"
SIGNUP = "/account/signup/"
LOGOUT = "/account/logout/"
MY = "/mijn/"
GOOD_PASSWORD = "Zonnebloem-Kaasschaaf-77"


def verified_user(email, password, full_name):
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(page, check_a11y, email, password):
    """On the login page: fill in and send; the visitor lands on Mijn Waakvlam."""
    assert path_of(page) == LOGIN
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    submit_button(page, "login").click()
    page.wait_for_url(f"**{MY}")
    check_a11y()


def test_visitor_signs_up_verifies_email_logs_in_and_out(page, url, check_a11y):
    name, email = "Fatima de Vries", "fatima@example.org"

    page.goto(url("/"))
    check_a11y()
    page.locator(f"header a[href='{LOGIN}']").click()
    page.wait_for_url(f"**{LOGIN}")
    check_a11y()

    page.locator(f"a[href^='{SIGNUP}']").first.click()
    page.wait_for_url(f"**{SIGNUP}*")
    check_a11y()
    page.fill("#id_full_name", name)
    page.fill("#id_email", email)
    page.fill("#id_password1", GOOD_PASSWORD)
    page.fill("#id_password2", GOOD_PASSWORD)
    submit_button(page, "password1").click()

    # "Check your e-mail": allauth's verification-sent page.
    page.wait_for_url("**/account/confirm-email/")
    expect(page.locator("h1")).to_have_count(1)
    check_a11y()
    user = User.objects.get(email=email)
    assert user.full_name == name
    assert not EmailAddress.objects.get(email=email).verified

    page.goto(url(link_from_mail(email, "/account/confirm-email/")))
    check_a11y()
    # ACCOUNT_CONFIRM_EMAIL_ON_GET is off: opening the link confirms nothing.
    assert not EmailAddress.objects.get(email=email).verified
    page.locator("form[action^='/account/confirm-email/'] button[type=submit]").click()
    # Confirmed in the browser that signed up: logged in at once.
    page.wait_for_url(f"**{MY}")
    assert EmailAddress.objects.get(email=email).verified
    check_a11y()
    expect(page.locator("main")).to_contain_text(name)
    expect(page.locator("main h1")).to_have_count(1)

    page.locator(f"header form[action='{LOGOUT}'] button[type=submit]").click()
    page.wait_for_url(url("/"))
    expect(page.locator(f"header a[href='{LOGIN}']")).to_be_visible()
    expect(page.locator(f"header form[action='{LOGOUT}']")).to_have_count(0)
    check_a11y()


def test_user_resets_forgotten_password_and_logs_in_with_the_new_one(page, url, check_a11y):
    email = "jan@example.org"
    user = verified_user(email, "Oud-Wachtwoord-2024", "Jan Jansen")
    new_password = "Nieuw-Wachtwoord-Paraplu-9"

    page.goto(url(LOGIN))
    check_a11y()
    page.locator("a[href='/account/password/reset/']").click()
    page.wait_for_url("**/account/password/reset/")
    check_a11y()
    page.fill("#id_email", email)
    submit_button(page, "email").click()
    page.wait_for_url("**/account/password/reset/done/")
    expect(page.locator("h1")).to_have_count(1)
    check_a11y()

    page.goto(url(link_from_mail(email, "/account/password/reset/key/")))
    # allauth moves the key out of the URL into the session first.
    page.wait_for_url("**/account/password/reset/key/*-set-password/")
    check_a11y()
    page.fill("#id_password1", new_password)
    page.fill("#id_password2", new_password)
    submit_button(page, "password1").click()
    page.wait_for_url("**/account/password/reset/key/done/")
    expect(page.locator("h1")).to_have_count(1)
    check_a11y()
    user.refresh_from_db()
    assert user.check_password(new_password)

    page.goto(url(LOGIN))
    check_a11y()
    log_in(page, check_a11y, email, new_password)


def test_signup_mistakes_and_tampered_link_give_clear_accessible_feedback(page, url, check_a11y):
    existing = verified_user("bezet@example.org", GOOD_PASSWORD, "Eerste Gebruiker")
    name = "Tweede Gebruiker"

    page.goto(url(SIGNUP))
    check_a11y()
    page.fill("#id_full_name", name)
    page.fill("#id_email", existing.email)
    page.fill("#id_password1", "12345")
    page.fill("#id_password2", "12345")
    with page.expect_navigation():
        submit_button(page, "password1").click()

    # The form comes back with the error at the password field.
    assert path_of(page) == SIGNUP
    password = page.locator("#id_password1")
    expect(password).to_have_attribute("aria-invalid", "true")
    described_by = (password.get_attribute("aria-describedby") or "").split()
    errors = [
        page.locator(f"[id='{id_}']")
        for id_ in described_by
        if page.locator(f"[id='{id_}']").inner_text().strip()
    ]
    has_alert = page.locator("[role=alert]").count() > 0
    assert errors or has_alert, (
        "The password error is neither linked to the field (aria-describedby) nor a role=alert"
    )
    for error in errors:
        expect(error).to_be_visible()
    # ACCOUNT_PREVENT_ENUMERATION: the form does not tell that the address
    # already has an account.
    expect(page.locator("#id_email")).not_to_have_attribute("aria-invalid", "true")
    # What the visitor typed stays, except the passwords.
    expect(page.locator("#id_full_name")).to_have_value(name)
    expect(page.locator("#id_email")).to_have_value(existing.email)
    expect(password).to_have_value("")
    expect(page.locator("#id_password2")).to_have_value("")
    check_a11y()

    # With a good password the visitor sees the usual "check your e-mail"
    # page; the owner of the address gets a mail instead of a new account.
    page.fill("#id_password1", GOOD_PASSWORD)
    page.fill("#id_password2", GOOD_PASSWORD)
    submit_button(page, "password1").click()
    page.wait_for_url("**/account/confirm-email/")
    check_a11y()
    assert User.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[existing.email]]

    # A verification link with one character of its key changed.
    pending = User.objects.create_user(
        email="wacht@example.org", password=GOOD_PASSWORD, full_name="Wachtende"
    )
    address = EmailAddress.objects.create(
        user=pending, email=pending.email, verified=False, primary=True
    )
    key = EmailConfirmationHMAC(address).key
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")
    response = page.goto(url(f"/account/confirm-email/{tampered}/"))
    assert response.status < 500
    expect(page.locator("h1")).to_have_count(1)
    # Says that the link is invalid or too old (Dutch; English tolerated while
    # the translations are being merged) and offers a way on.
    expect(page.locator("main")).to_contain_text(
        re.compile(
            r"verlopen|ongeldig|niet (meer )?geldig|werkt niet|te oud"
            r"|expired|invalid|no longer works|too old",
            re.IGNORECASE,
        )
    )
    expect(
        page.locator("main a[href^='/account/login/'], main a[href^='/account/email/']").first
    ).to_be_visible()
    # No confirm button for an invalid key, and nothing got confirmed.
    expect(page.locator("form[action^='/account/confirm-email/']")).to_have_count(0)
    check_a11y()
    address.refresh_from_db()
    assert not address.verified
