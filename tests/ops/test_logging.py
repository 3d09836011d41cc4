"""JSON logs on stdout in production; Sentry only when SENTRY_DSN is set."""

import json
import logging
import sys

from predess.jsonlog import JSONFormatter
from tests.production import run_python


def make_record(**extra):
    record = logging.LogRecord("predess.test", logging.ERROR, __file__, 1, "Échec de %s", ("l’envoi",), None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_a_record_is_one_line_of_json():
    line = JSONFormatter().format(make_record(status_code=500))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "predess.test"
    assert entry["message"] == "Échec de l’envoi"
    assert entry["status_code"] == 500
    assert entry["time"].endswith("+00:00")


def test_exceptions_and_requests(rf):
    try:
        raise ValueError("boom")
    except ValueError:
        record = make_record(request=rf.get("/fiches/?q=1"))
        record.exc_info = sys.exc_info()
    entry = json.loads(JSONFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]
    assert entry["request_method"] == "GET" and entry["request_path"] == "/fiches/"


def test_production_logs_json_to_stdout(tmp_path):
    config = run_python(
        tmp_path,
        "from django.conf import settings\n"
        "import logging\n"
        "handler = logging.getLogger().handlers[0]\n"
        "print(json.dumps([type(handler.formatter).__name__, handler.stream.name, settings.SENTRY_ENABLED]))",
    )
    assert config == ["JSONFormatter", "<stdout>", False]


def test_sentry_is_initialised_only_with_a_dsn(tmp_path):
    code = (
        "import sentry_sdk\n"
        "from django.conf import settings\n"
        "client = sentry_sdk.get_client()\n"
        "print(json.dumps([settings.SENTRY_ENABLED, client.is_active(), str(client.dsn or ''),"
        " client.options.get('environment'), client.options.get('send_default_pii'),"
        " client.options.get('traces_sample_rate')]))"
    )
    assert run_python(tmp_path, code)[:2] == [False, False]
    enabled = run_python(
        tmp_path,
        code,
        SENTRY_DSN="https://public@sentry.example.invalid/42",
        SENTRY_ENVIRONMENT="recette",
        SENTRY_TRACES_SAMPLE_RATE="0.25",
    )
    assert enabled == [True, True, "https://public@sentry.example.invalid/42", "recette", False, 0.25]
