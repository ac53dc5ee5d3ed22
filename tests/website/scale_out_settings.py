"""The production settings, as the scale-out test's servers and workers run
them, with one difference: static files are found in the app folders, so
that no `collectstatic` writes into the checkout."""

from website.settings.production import *  # noqa: F403
from website.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
