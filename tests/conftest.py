import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits count in the cache; every test starts afresh."""
    cache.clear()
    yield
    cache.clear()
