"""`make bench` (python -m scripts.bench): the key pages over HTTP.

Fresh PostgreSQL databases at scale (seed_scale) and at demo size
(seed_demo); gunicorn with the production settings and two sync workers;
wrk with 2 threads and 4 connections, each page run (longer for a slow
page, to reach 20 requests) between two runs of the floor (/health/: the
middleware, no database). Prints a Markdown table per size and writes it
to bench-results/. The numbers are for comparing runs on one machine;
nothing here is a pass or a fail except a page that does not answer 200.

BENCH_SECONDS (default 5) per wrk run, BENCH_SCALE (default 1) for
seed_scale --scale, BENCH_SKIP_DEMO=1 to measure at scale only,
BENCH_REDIS_DB (default 15) for the Redis database it empties and uses.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import databases, report, wrk
from .server import HEADERS, Gunicorn, get

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
SKIP_DEMO = os.environ.get("BENCH_SKIP_DEMO", "").lower() in {"1", "true", "yes"}
FLOOR = "/health/"
RESULTS = databases.ROOT / "bench-results"


class PageError(RuntimeError):
    pass


def log_tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def sizes_checked(port, pages, log_path):
    """{name: response bytes}; PageError naming every page that did not
    answer 200 (a redirect to the log-in or the code is a failure too)."""
    sizes, failures = {}, []
    for page in pages:
        status, location, body = get(port, page["path"], page["cookie"])
        if status != 200:
            failures.append(f"  {page['name']} {page['path']}: {status} {location}".rstrip())
        sizes[page["name"]] = len(body)
    if failures:
        raise PageError(
            "These pages did not answer 200:\n" + "\n".join(failures)
            + f"\n\ngunicorn's log ends with:\n{log_tail(log_path)}"
        )  # fmt: skip
    return sizes


def measured(port, pages, sizes):
    """Floor, page, floor, page, ...: each page against the floor runs on
    either side of it, so that a change in the machine's load shows in both."""
    base = f"http://127.0.0.1:{port}"
    floor = wrk.measure(base + FLOOR, SECONDS, HEADERS)
    results = []
    for page in pages:
        headers = dict(HEADERS)
        if page["cookie"]:
            headers["Cookie"] = page["cookie"]
        run = wrk.measure_enough(base + page["path"], SECONDS, headers)
        after = wrk.measure(base + FLOOR, SECONDS, HEADERS)
        result = report.Result(
            name=page["name"],
            requests_per_second=run.requests_per_second,
            p50_ms=run.p50_ms,
            p99_ms=run.p99_ms,
            floor_per_second=(floor.requests_per_second + after.requests_per_second) / 2,
            queries=page["queries"],
            size_bytes=sizes[page["name"]],
        )
        print(
            f"  {result.name:<28} {report.rate(result.requests_per_second):>7}/s "
            f"{report.ratio(result.floor_ratio):>8} of the floor",
            flush=True,
        )
        results.append(result)
        floor = after
    return results


def bench(label, database, workdir):
    """Results for one database, from a cold cache."""
    cache = databases.redis_url()
    env = databases.production_env(database, workdir / "static", cache)
    pages_file = workdir / f"{label}-pages.json"
    print(f"[{label}] sessions and query counts ({'Redis' if cache else 'database'} cache)...")
    databases.run(sys.executable, "-m", "scripts.bench.prepare", pages_file, env=env, quiet=True)
    pages = json.loads(pages_file.read_text())
    log_path = workdir / f"{label}-gunicorn.log"
    with Gunicorn(env, log_path) as server:
        sizes = sizes_checked(server.port, pages, log_path)
        print(f"[{label}] {len(pages)} pages answer 200; measuring ({SECONDS} s a run)...")
        return measured(server.port, pages, sizes)


def summary(results, started):
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=databases.ROOT, capture_output=True,
        text=True, check=False,
    ).stdout.strip()  # fmt: skip
    lines = [
        f"`make bench` at {commit or 'unknown commit'}, {time.strftime('%Y-%m-%d %H:%M %Z')}: "
        f"gunicorn, 2 sync workers, production settings; wrk -t{wrk.THREADS} "
        f"-c{wrk.CONNECTIONS}, {SECONDS} s a run; {os.cpu_count()} CPUs; "
        f"{time.monotonic() - started:.0f} s in all.",
    ]
    demo = {result.name: result for result in results.get("demo", [])}
    for label, rows in results.items():
        title = f"seed_scale --scale {SCALE:g}" if label == "scale" else "seed_demo"
        baseline = demo if label == "scale" and demo else None
        lines += ["", f"**{label}** ({title}); {report.floor_line(rows)}", ""]
        lines.append(report.table(rows, baseline))
    return "\n".join(lines)


def main():
    # Ctrl-C and SIGTERM unwind: gunicorn is stopped, the temporary files go
    # (Ctrl-C even when started in the background, where SIGINT is ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    databases.run("scripts/ensure-wrk")
    try:
        databases.run("scripts/ensure-postgres")
    except databases.SetupError:
        sys.exit("make bench needs PostgreSQL on 127.0.0.1:5432 (user postgres).")
    try:
        with tempfile.TemporaryDirectory(prefix="waakvlam-bench-") as directory:
            workdir = Path(directory)
            made = databases.databases_seed(SCALE, with_demo=not SKIP_DEMO)
            databases.static_collect(workdir / "static")
            results = {label: bench(label, name, workdir) for label, name in made.items()}
    except (databases.SetupError, PageError, wrk.WrkError) as error:
        sys.exit(f"make bench failed: {error}")
    except KeyboardInterrupt:
        sys.exit("make bench: interrupted.")
    text = summary(results, started)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}.md").write_text(text + "\n")
    print("\n" + text)


if __name__ == "__main__":
    main()
