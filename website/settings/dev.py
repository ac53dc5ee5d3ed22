"""Local development: debug on, a throwaway key, e-mail to the console."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("EMAIL_URL", "consolemail://")

from .base import *  # noqa: E402,F403
from .base import env  # noqa: E402

ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# A template or code change shows at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
