"""System checks for a deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def cache_shared_between_processes(app_configs, **kwargs):
    """Log-in rate limits live in the cache: a cache of each process lets an
    attacker try as many passwords as there are web server processes."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The default cache is kept per process, so log-in rate limits count per process.",
                hint="Set REDIS_URL, or use the database cache (the default without it).",
                id="waakvlam.W001",
            )
        ]
    return []
