"""Settings read the environment the same way everywhere, and production fails fast."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from predess.env import env_bool, env_list

REAL_KEY = "k7-Qz" * 13  # 65 characters, 5 different: what production accepts at least


def import_production(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")}
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "predess.settings.production"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "example.org", "DATABASE_URL": "sqlite:///x.db"}, "SECRET_KEY must be set"),
        (
            {"SECRET_KEY": "short", "ALLOWED_HOSTS": "example.org", "DATABASE_URL": "sqlite:///x.db"},
            "real secret",
        ),
        ({"SECRET_KEY": REAL_KEY, "DATABASE_URL": "sqlite:///x.db"}, "ALLOWED_HOSTS must be set"),
        ({"SECRET_KEY": REAL_KEY, "ALLOWED_HOSTS": "example.org"}, "DATABASE_URL must be set"),
    ],
)
def test_production_refuses_to_start_without_essentials(env, message):
    result = import_production(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_everything_set():
    result = import_production(SECRET_KEY=REAL_KEY, ALLOWED_HOSTS="example.org", DATABASE_URL="sqlite:///x.db")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_env_bool_is_strict(monkeypatch):
    monkeypatch.setenv("FLAG", "False")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "on")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "peut-être")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")


def test_env_list(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.org, ,b.org ")
    assert env_list("HOSTS") == ["a.org", "b.org"]


def test_database_url_selects_the_backend():
    code = (
        "import os; os.environ['DATABASE_URL']='postgres://u@h:5432/predess';"
        "from predess.settings import base;"
        "print(base.DATABASES['default']['ENGINE'], base.WAGTAILSEARCH_BACKENDS['default']['SEARCH_CONFIG'])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["django.db.backends.postgresql", "french_unaccent"]
