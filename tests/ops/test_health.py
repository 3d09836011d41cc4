"""/healthz: JSON, database and cache checked, 503 when one fails, never cached."""

import json

import pytest

from predess import health

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_answers_any_host_before_the_host_check(client):
    """Platforms probe instances on their internal address."""
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400


@pytest.mark.parametrize("failing", ["database", "cache"])
def test_a_failure_gives_503_without_details(client, monkeypatch, failing):
    def broken():
        raise RuntimeError("password=hunter2 host=db.internal")

    monkeypatch.setitem(health.CHECKS, failing, broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error" and body["checks"][failing] == "error"
    assert b"hunter2" not in response.content and b"db.internal" not in response.content


def test_never_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/healthz")
