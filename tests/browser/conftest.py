"""Browser tests: the real site served by gunicorn, driven by Debian's Chromium.

The server runs in a subprocess on its own database (a temporary SQLite file, or a
separate PostgreSQL database when ``DATABASE_URL`` points to PostgreSQL), independent of
pytest-django's test database: ``migrate`` and ``load_predess`` build it exactly as a
deployment would. Playwright is started here, not through pytest-playwright.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = BASE_DIR / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
GUNICORN = str(VENV_BIN / "gunicorn") if (VENV_BIN / "gunicorn").exists() else shutil.which("gunicorn")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_TIMEOUT = 30  # seconds


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_manage(env, *args):
    """Run ``manage.py <args>`` with the server's environment; show its output on failure."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        pytest.fail(
            f"manage.py {' '.join(args)} failed (exit {result.returncode}):\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}",
            pytrace=False,
        )
    return result


def _is_postgres(url):
    return urlsplit(url).scheme in {"postgres", "postgresql", "pgsql", "postgis"}


def _with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _postgres_admin(url, sql):
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


def _wait_until_up(url, process, log_path):
    deadline = time.monotonic() + SERVER_TIMEOUT
    last_error = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as exc:  # answers, but not with the home page
            last_error = exc
        except OSError as exc:  # not listening yet
            last_error = exc
        time.sleep(0.1)
    log = log_path.read_text(errors="replace") if log_path.exists() else ""
    pytest.fail(f"gunicorn did not serve {url} (last error: {last_error}):\n{log}", pytrace=False)


@pytest.fixture(scope="session")
def server_env():
    """The environment of the server and of ``manage``: test settings, own database and media."""
    tmp = Path(tempfile.mkdtemp(prefix="predess-browser-"))
    env = os.environ.copy()
    env["DJANGO_SETTINGS_MODULE"] = "predess.settings.test"
    env["TEST_MEDIA_ROOT"] = str(tmp / "media")
    # Keep the server's cache entries apart from the other tests' when Redis is shared.
    env["CACHE_KEY_PREFIX"] = f"predess_browser_{os.getpid()}"
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    database_url = os.environ.get("DATABASE_URL", "")
    drop = None
    if not database_url:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'browser.sqlite3'}"
    elif _is_postgres(database_url):
        base_name = urlsplit(database_url).path.lstrip("/") or "predess"
        name = f"{base_name}_browser_{os.getpid()}"
        _postgres_admin(database_url, f'DROP DATABASE IF EXISTS "{name}"')
        _postgres_admin(database_url, f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = _with_database(database_url, name)
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    else:
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.fail(f"Unsupported DATABASE_URL for the browser tests: {database_url}", pytrace=False)
    try:
        yield env
    finally:
        if drop:
            _postgres_admin(database_url, drop)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def server_database(server_env):
    """The server's database, migrated and loaded with the plan as a deployment does it."""
    _run_manage(server_env, "migrate", "--noinput")
    _run_manage(server_env, "load_predess")
    return server_env["DATABASE_URL"]


@pytest.fixture(scope="session")
def site_url(server_env, server_database):
    """The real site: migrated, loaded with ``load_predess``, served by gunicorn."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = Path(server_env["TEST_MEDIA_ROOT"]).parent / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                GUNICORN,
                "predess.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--no-control-socket",
            ],
            cwd=BASE_DIR,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(f"{url}/", process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", base_url=site_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def manage(server_env, site_url):
    """``manage("createsuperuser", "--noinput", ...)`` runs a command on the running server's database.

    Returns the ``subprocess.CompletedProcess`` (``stdout``, ``stderr``); fails the test with
    the command's output when it exits with an error.
    """

    def run(*args):
        return _run_manage(server_env, *args)

    return run
