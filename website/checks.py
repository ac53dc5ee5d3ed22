"""System checks for a deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def _per_process(alias):
    return settings.CACHES.get(alias, {}).get("BACKEND", "") in PER_PROCESS_CACHES


@register(Tags.caches, deploy=True)
def cache_shared_between_processes(app_configs, **kwargs):
    """Log-in rate limits live in the cache: a cache of each process lets an
    attacker try as many passwords as there are web server processes. The
    page cache's generation must be shared too, or a change retires the
    stored pages of one process only (website.pagecache)."""
    warnings = []
    if _per_process("default"):
        warnings.append(
            Warning(
                "The default cache is kept per process, so log-in rate limits count per process.",
                hint="Set REDIS_URL, or use the database cache (the default without it).",
                id="waakvlam.W001",
            )
        )
    if settings.PAGE_CACHE_SECONDS and _per_process("pages"):
        warnings.append(
            Warning(
                "The page cache is kept per process, so a change retires the pages "
                "of one process only.",
                hint="Set REDIS_URL, use the database cache, or PAGE_CACHE_SECONDS=0.",
                id="waakvlam.W002",
            )
        )
    return warnings
