"""``/healthz``: is this instance able to serve? For the platform's health check.

Answered by a middleware at the top of the stack, before the host check and the HTTPS
redirect: platforms probe instances on their internal address, over plain HTTP, with a
``Host`` that is not in ``ALLOWED_HOSTS``. The answer is JSON, says only which check
failed (never an error message, which could hold a host name or a password), is never
cached, and is 503 when the database or the cache cannot be reached.
"""

import logging
import uuid

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/healthz"


def check_database():
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache():
    for alias in caches:
        cache = caches[alias]
        key = f"healthz:{uuid.uuid4().hex}"
        cache.set(key, "ok", 10)
        if cache.get(key) != "ok":
            raise RuntimeError(f"cache {alias} did not return what was stored")
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


def health(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check %s failed.", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    response = JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in (PATH, PATH + "/") and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
