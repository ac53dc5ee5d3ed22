"""A log line never carries a secret from a URL: the request logger writes
the path of every 404 ("Not Found: /groepen/plek/<token>/"), and a token, a
confirmation key or a password-reset key in it would be readable by anyone
who reads the logs."""

import logging

from django.urls import Resolver404, resolve

# URL parameters that hold a secret (people.converters.TokenConverter and
# allauth's and Wagtail's confirmation and reset keys).
SECRET_PARAMETERS = ("token", "code", "key", "uidb36", "uidb64")
REDACTED = "[geheim]"


def _secrets_in(path):
    try:
        match = resolve(path)
    except Resolver404:
        return []
    return [
        str(value) for name, value in match.kwargs.items() if name in SECRET_PARAMETERS and value
    ]


def _redacted(value, secrets):
    if not isinstance(value, str):
        return value
    for secret in secrets:
        value = value.replace(secret, REDACTED)
    return value


class RedactUrlSecrets(logging.Filter):
    def filter(self, record):
        path = getattr(getattr(record, "request", None), "path", "")
        secrets = _secrets_in(path) if path else []
        if secrets:
            record.msg = _redacted(record.msg, secrets)
            if isinstance(record.args, tuple):
                record.args = tuple(_redacted(arg, secrets) for arg in record.args)
        return True
