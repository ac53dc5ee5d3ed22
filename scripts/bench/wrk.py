"""Running wrk and reading what it prints (with --latency)."""

import dataclasses
import math
import re
import subprocess

THREADS = 2
CONNECTIONS = 4
# A slow page must be measured, not counted as a timeout (wrk's default is 2 s).
TIMEOUT = "60s"
# A run that finishes fewer requests than this says little about p50 and
# p99: it is run again for longer, up to MAX_SECONDS.
MIN_REQUESTS = 20
MAX_SECONDS = 30
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


class WrkError(RuntimeError):
    pass


@dataclasses.dataclass(frozen=True)
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers plus socket errors


def milliseconds(text):
    """wrk's "812.00us", "1.25ms", "2.10s" in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * UNITS[match[2]]


def parse(output):
    """A Run from wrk's output; WrkError when a figure is missing."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)", output, re.MULTILINE))
    if not (rate and total and "50" in percentiles and "99" in percentiles):
        raise WrkError(f"wrk printed no figures:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx[1])
    sockets = re.search(r"Socket errors:(.*)", output)
    if sockets:
        errors += sum(int(count) for count in re.findall(r"\d+", sockets[1]))
    return Run(
        requests_per_second=float(rate[1]),
        p50_ms=milliseconds(percentiles["50"]),
        p99_ms=milliseconds(percentiles["99"]),
        requests=int(total[1]),
        errors=errors,
    )


def command(url, seconds, headers):
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    args += ["--timeout", TIMEOUT]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    return [*args, url]


def measure(url, seconds, headers):
    """One wrk run against `url`; WrkError when any answer was an error."""
    done = subprocess.run(
        command(url, seconds, headers), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise WrkError(f"wrk failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    run = parse(done.stdout)
    if run.errors:
        raise WrkError(f"{run.errors} failed requests to {url}:\n{done.stdout}")
    return run


def longer(seconds, run):
    """The seconds a run of `seconds` that did `run` needs for MIN_REQUESTS,
    or None when it had enough (or cannot get longer)."""
    if run.requests >= MIN_REQUESTS or seconds >= MAX_SECONDS:
        return None
    return min(MAX_SECONDS, math.ceil(seconds * MIN_REQUESTS / max(run.requests, 1)))


def measure_enough(url, seconds, headers):
    """As measure, but a slow page is measured long enough for its percentiles."""
    run = measure(url, seconds, headers)
    more = longer(seconds, run)
    return run if more is None else measure(url, more, headers)
