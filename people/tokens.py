"""Secret links derived from a row: the token is made again from the row and
SECRET_KEY whenever a mail leaves, and only its hash is stored (for the
look-up when the link is opened). A database copy holds no usable link."""

import hashlib

from django.utils.crypto import salted_hmac


def derived_token(salt, row):
    """The token of `row` (saved: it needs the pk and created_at)."""
    return salted_hmac(
        salt, f"{row.pk}:{row.created_at.isoformat()}", algorithm="sha256"
    ).hexdigest()


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()
