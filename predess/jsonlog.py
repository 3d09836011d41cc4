"""Logs as one JSON object per line on stdout, for the platform's log collector."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has: the rest were passed with ``extra=`` and are kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
# Django's request logging passes the request itself: only harmless parts of it are kept.
_REQUEST_FIELDS = ("method", "path")


def _jsonable(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key in _STANDARD or key.startswith("_"):
                continue
            if key == "request":
                for field in _REQUEST_FIELDS:
                    entry[f"request_{field}"] = _jsonable(getattr(value, field, None))
            elif key != "server_time":
                entry[key] = _jsonable(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)
