"""A mail's context as JSON: plain values and references to records, read
again when the mail leaves. A link with a token is a `SendTime` value: the
outbox keeps which function makes it and for which records, and calls it
at send time, so the token itself is never stored."""

import datetime
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.module_loading import import_string

MODEL, SEND_TIME, DATETIME, DATE, DECIMAL = "$model", "$send_time", "$datetime", "$date", "$decimal"


class RecordGone(Exception):
    """A record the message refers to no longer exists: trying again will
    not help."""


def send_time(func):
    """Mark `func` as one the outbox may call when a mail leaves. Only
    marked functions are ever called, whatever a stored row says."""
    func.outbox_send_time = True
    return func


class SendTime:
    """A context value made when the mail leaves: `SendTime(func, *args)`,
    where `func` is marked with @send_time and `args` are records or plain
    values."""

    def __init__(self, func, *args):
        if not getattr(func, "outbox_send_time", False):
            raise ImproperlyConfigured(f"{func.__qualname__} is not marked with @send_time.")
        self.path = f"{func.__module__}.{func.__qualname__}"
        self.args = args


def pack(value):
    """`value` as JSON-ready data; a TypeError for anything else, so that a
    new kind of value is noticed in the tests, not in the worker."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, SendTime):
        return {SEND_TIME: value.path, "args": [pack(arg) for arg in value.args]}
    if isinstance(value, models.Model):
        if value.pk is None:
            raise TypeError(f"An unsaved {type(value).__name__} cannot wait in the outbox.")
        return {MODEL: value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime.datetime):
        return {DATETIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {DATE: value.isoformat()}
    if isinstance(value, Decimal):
        return {DECIMAL: str(value)}
    if isinstance(value, (list, tuple)):
        return [pack(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) and not key.startswith("$") for key in value):
            raise TypeError("Context keys are plain strings.")
        return {key: pack(item) for key, item in value.items()}
    raise TypeError(f"A {type(value).__name__} cannot wait in the outbox.")


class Unpacker:
    """Reads packed values back; the same record is read once."""

    def __init__(self):
        self.records = {}

    def record(self, label, pk):
        if (label, pk) not in self.records:
            model = apps.get_model(label)
            try:
                self.records[label, pk] = model._base_manager.get(pk=pk)
            except model.DoesNotExist:
                raise RecordGone(label) from None
        return self.records[label, pk]

    def send_time_value(self, path, args):
        func = import_string(path)
        if not getattr(func, "outbox_send_time", False):
            raise ImproperlyConfigured(f"{path} is not marked with @send_time.")
        return func(*[self.unpack(arg) for arg in args])

    def unpack(self, value):
        if isinstance(value, list):
            return [self.unpack(item) for item in value]
        if not isinstance(value, dict):
            return value
        if MODEL in value:
            return self.record(value[MODEL], value["pk"])
        if SEND_TIME in value:
            return self.send_time_value(value[SEND_TIME], value["args"])
        if DATETIME in value:
            return parse_datetime(value[DATETIME])
        if DATE in value:
            return parse_date(value[DATE])
        if DECIMAL in value:
            return Decimal(value[DECIMAL])
        return {key: self.unpack(item) for key, item in value.items()}


def unpack(value):
    return Unpacker().unpack(value)
