"""Run code under the production settings, in a subprocess with a realistic environment."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
# Variables of the test run that production must not inherit.
_DROPPED = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests (tests/conftest.py)
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "PAGE_CACHE_SECONDS",
    "SENTRY_DSN",
    # The scaling services: a test names those it wants (CI's PostgreSQL run sets REDIS_URL).
    "REDIS_URL",
    "DATABASE_REPLICA_URL",
    "ELASTICSEARCH_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME",
    "CLOUDFLARE_ZONE_ID",
    "FRONTEND_CACHE_PURGE_URL",
    "SITE_HOSTNAME",
)


def production_env(tmp_path, **overrides):
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(
        DJANGO_SETTINGS_MODULE="predess.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="predess.example.org",
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private-media"),
        STATIC_ROOT=str(tmp_path / "static"),
        CACHE_KEY_PREFIX=f"predess-prod-test-{os.getpid()}",
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def run_manage(tmp_path, *args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_python(tmp_path, code, **env):
    """Run ``code`` after ``django.setup()``; it prints a JSON value, which is returned."""
    program = "import django, json\ndjango.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=BASE_DIR,
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
