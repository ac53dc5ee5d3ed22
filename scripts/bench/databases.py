"""The bench's databases, cache and environment: fresh PostgreSQL databases
seeded at scale and at demo size, a Redis database of its own (flushed),
the static files collected once."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgresql://postgres@127.0.0.1:5432"
SCALE_DB = "waakvlam_bench"
DEMO_DB = "waakvlam_bench_demo"
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "15"))
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"


class SetupError(RuntimeError):
    pass


def run(*args, env=None, quiet=False):
    """A step of the bench; SetupError with what it printed when it fails."""
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=quiet, text=True, check=False)
    if done.returncode != 0:
        printed = f"\n{done.stdout}{done.stderr}" if quiet else ""
        raise SetupError(f"{' '.join(map(str, args))} failed ({done.returncode}){printed}")


def database_url(name):
    return f"{SERVER}/{name}"


def database_create(name, template=None):
    """Drop and create `name`, empty or as a copy of `template`."""
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')


def redis_url():
    """The bench's own Redis database, emptied; "" when Redis does not answer
    (the production settings then cache in the database)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError:
        return ""
    finally:
        client.close()
    return REDIS_URL


def production_env(database, static_root, cache_url):
    """What gunicorn and the prepare step run with: the production settings
    (through scripts.bench.settings, for STATIC_ROOT only)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="scripts.bench.settings",
        BENCH_STATIC_ROOT=str(static_root),
        DATABASE_URL=database_url(database),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://127.0.0.1",
        EMAIL_URL="consolemail://",
        REDIS_URL=cache_url,
        LOG_LEVEL="WARNING",
    )
    return env


def seed_env(database):
    """Seeding needs DEBUG on (seed_demo refuses otherwise): the dev settings."""
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="website.settings.dev", DATABASE_URL=database_url(database))
    env.pop("REDIS_URL", None)
    return env


def manage(*args, env, quiet=True):
    run(sys.executable, "manage.py", *args, env=env, quiet=quiet)


def databases_seed(scale, with_demo):
    """Migrate once, copy the migrated database for the demo, seed both.
    Returns {label: database name}."""
    print(f"Creating {SCALE_DB} and migrating...", flush=True)
    database_create(SCALE_DB)
    manage("migrate", "--noinput", env=seed_env(SCALE_DB))
    made = {"scale": SCALE_DB}
    if with_demo:
        database_create(DEMO_DB, template=SCALE_DB)
        print(f"Seeding {DEMO_DB} (seed_demo)...", flush=True)
        manage("seed_demo", env=seed_env(DEMO_DB))
        made["demo"] = DEMO_DB
    print(f"Seeding {SCALE_DB} (seed_scale --scale {scale}, about half a minute)...", flush=True)
    manage("seed_scale", "--scale", str(scale), env=seed_env(SCALE_DB))
    return made


def static_collect(static_root):
    env = production_env(SCALE_DB, static_root, "")
    manage("collectstatic", "--noinput", "-v0", env=env)
