"""Health endpoints for operators and load balancers.

`alive` answers without touching the database, the cache or the session:
the process is up and its middleware runs (the floor of `make bench`).
`ready` checks that every database, the cache and the task broker answer,
each within a few seconds, and says which one does not. Neither names a
host, an error or anything about a person.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_q.brokers import get_broker

logger = logging.getLogger(__name__)

# Seconds a check may wait for a server that does not answer (the Redis
# broker's socket; the cache and PostgreSQL get theirs in the settings).
TIMEOUT = 2
OK = "ok"
FAILED = "failed"


def check_databases():
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache():
    key = f"health:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=TIMEOUT * 5)
    if cache.get(key) != value:
        raise LookupError("the cache did not return what was stored")
    cache.delete(key)


def check_broker():
    broker = get_broker()
    pool = getattr(broker.connection, "connection_pool", None)
    if pool is not None:
        # Redis: get_broker() made this pool for this check only; the workers'
        # own connections keep no timeout (they wait on the queue).
        pool.connection_kwargs.update(socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT)
    try:
        if not broker.ping():
            raise ConnectionError("the broker did not answer the ping")
        # The ORM broker's ping checks nothing: reading the queue reaches its table.
        broker.queue_size()
    finally:
        if pool is not None:
            pool.disconnect()


CHECKS = {"database": check_databases, "cache": check_cache, "broker": check_broker}


def run_check(name, check):
    try:
        check()
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        # The class only: an error's text can name a host or a password.
        logger.warning("Health check %s failed: %s", name, type(error).__name__)
        return FAILED
    return OK


@never_cache
def alive(request):
    return JsonResponse({"status": OK})


@never_cache
def ready(request):
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(result == OK for result in checks.values())
    return JsonResponse(
        {"status": OK if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
