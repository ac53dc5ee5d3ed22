"""Small helpers the tests share (fixtures live in tests/conftest.py)."""

import base64
import csv
import hashlib
import hmac
import io
import re
import struct
import time

from allauth.account.internal.flows.login import record_authentication
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import translation

from groups.hooks import GROUP_PAGE_SECTION
from people.permissions import must_use_second_factor
from people.second_factor import add_authenticator_app
from people.sections import sections

# The authenticator-app key the tests give staff (base32, 160 bits).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def nl(message, **params):
    """What the (Dutch) site shows for `message`, with `params` filled in."""
    with translation.override("nl"):
        text = translation.gettext(message)
    return text % params if params else text


def csv_rows(response):
    """The rows of a CSV export as Dutch Excel reads it: UTF-8 after a
    byte-order mark, `;` between columns."""
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf"), "a CSV export starts with a byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def squeezed(html):
    """HTML without the white space between and around tags."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def group_page_section(page, template):
    """The section with `template` that the hooks add to `page` for an
    anonymous visitor, or None."""
    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    found = [s for s in sections(GROUP_PAGE_SECTION, request, page) if s.template == template]
    assert len(found) <= 1
    return found[0] if found else None


def totp_code(secret, at=None):
    """The 6 digits an authenticator app shows for `secret` (RFC 6238, 30 s
    steps), computed independently of allauth. Waits for the next step when
    this one is about to end, so the code is still valid when it arrives."""
    if at is None:
        if 30 - time.time() % 30 < 2:
            time.sleep(2)
        at = time.time()
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def give_authenticator_app(user, secret=TOTP_SECRET):
    return add_authenticator_app(user, secret)


class SecondFactorClient(Client):
    """Django's test client; its force_login gives staff who must use a
    second factor an authenticator app and records in the session that it
    was used, as allauth's log-in does. So tests of staff pages can log in
    in one line while the middleware (people.second_factor) stays strict."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        fresh = type(user).objects.get(pk=user.pk)  # roles as they are now
        if not must_use_second_factor(fresh):
            return
        authenticator = give_authenticator_app(fresh)
        request = RequestFactory().get("/")
        request.session = self.session
        record_authentication(request, fresh, "mfa", id=authenticator.pk, type="totp")
        request.session.save()
