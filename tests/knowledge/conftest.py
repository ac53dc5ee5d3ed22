import pytest


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Wagtail serves documents from a real path; the in-memory storage of
    the test settings has none."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
