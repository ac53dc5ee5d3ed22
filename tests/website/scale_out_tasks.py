"""What the scale-out test enqueues: a real scheduled task, held back until
one moment so that every worker of both clusters runs it at once."""

import os
import time

from django.utils.module_loading import import_string


def run_at(func, start_at):
    """Wait until `start_at` (Unix time), run the task `func`; say which
    cluster ran it and what the task returned."""
    time.sleep(max(0.0, start_at - time.time()))
    return {"cluster": os.environ["SCALE_OUT_CLUSTER"], "result": import_string(func)()}
