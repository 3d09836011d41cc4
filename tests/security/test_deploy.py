"""Production settings pass Django's deployment checks and send the security headers."""

import pytest

from tests.production import run_manage, run_python


@pytest.mark.parametrize(
    "extra",
    [{}, {"REDIS_URL": "redis://127.0.0.1:6379/7", "SENTRY_DSN": "https://public@sentry.example.invalid/1"}],
    ids=["minimal", "redis-and-sentry"],
)
def test_check_deploy_has_no_warning(tmp_path, extra):
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_security_settings(tmp_path):
    values = run_python(
        tmp_path,
        "from django.conf import settings as s\n"
        "print(json.dumps({name: getattr(s, name) for name in ["
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE',"
        "'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY',"
        "'CSRF_COOKIE_SAMESITE', 'LANGUAGE_COOKIE_SECURE', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'SESSION_COOKIE_AGE',"
        "'X_FRAME_OPTIONS', 'DEBUG']} | {'validators': len(s.AUTH_PASSWORD_VALIDATORS)}))",
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_SSL_REDIRECT"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["LANGUAGE_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] and values["SESSION_COOKIE_AGE"] <= 8 * 3600
    assert values["X_FRAME_OPTIONS"] == "DENY" and values["DEBUG"] is False
    assert values["validators"] >= 4


RESPONSE_HEADERS = """
from django.test import Client
client = Client()
https = client.get('/robots.txt', secure=True, HTTP_HOST='predess.example.org')
http = client.get('/robots.txt', HTTP_HOST='predess.example.org')
print(json.dumps({'https': dict(https.headers), 'status': https.status_code,
                  'http_status': http.status_code, 'http_location': http.get('Location')}))
"""


def test_production_responses_carry_the_security_headers(tmp_path):
    result = run_python(tmp_path, RESPONSE_HEADERS, PAGE_CACHE_SECONDS=0, PAGE_MEMO_SECONDS=0)  # no database here
    assert result["status"] == 200
    assert (result["http_status"], result["http_location"]) == (301, "https://predess.example.org/robots.txt")
    headers = result["https"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "upgrade-insecure-requests" in csp


def test_no_secret_in_the_settings_sources():
    """Settings read secrets from the environment; none has a literal default."""
    from pathlib import Path

    from django.conf import settings

    for path in (Path(settings.BASE_DIR) / "predess" / "settings").glob("*.py"):
        text = path.read_text()
        for name in ("SECRET_KEY", "EMAIL_HOST_PASSWORD", "AWS_SECRET_ACCESS_KEY", "CLOUDFLARE_API_TOKEN"):
            for line in text.splitlines():
                if line.startswith(f"{name} =") and path.name not in ("dev.py", "test.py"):
                    assert "env_str(" in line, f"{path.name}: {line}"
