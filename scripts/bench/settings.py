"""The production settings, with the static files collected into the
bench's own temporary directory instead of the checkout's `static/`."""

import os

from website.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
