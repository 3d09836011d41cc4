"""Cache hits answered before Django's request handling (``predess/wsgi.py``).

``PageCacheMiddleware`` stores and serves whole pages from inside Django. Under gunicorn
most of the cost of a hit is then Django's own handling around it: the request signals
(which check every database connection), the middleware chain, a response object built
header by header. ``CachedPages`` wraps the WSGI application and answers a hit itself,
with the same rules and the same key (``request_is_cacheable``, ``cache_key``, computed
on the same ``WSGIRequest``), from the same stored snapshot: status, every header the
middleware below and above the page cache gave the page (security headers included:
``PageCacheMiddleware`` sits above them), and the body.

Anything else — a miss, a request the cache must not answer, an error while looking —
goes to Django unchanged, which renders the page and stores it. With a read replica the
generation is read here from the primary: a replica behind it can only make this lookup
miss (Django then looks again, in the replica's generation), never serve an older page.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest

from . import generation
from .middleware import HEADER, cache_key, request_is_cacheable

logger = logging.getLogger(__name__)


def _status_line(status):
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def lookup(environ):
    """The stored ``(status, headers, body)`` for this request, or None."""
    if settings.PAGE_CACHE_SECONDS <= 0 or environ.get("REQUEST_METHOD") != "GET":
        return None
    try:
        request = WSGIRequest(environ)
        if not request_is_cacheable(request):
            return None
        key = cache_key(request)
        return generation.page_cache().get(key) if key is not None else None
    except Exception:
        # Odd input, or a database or cache that cannot answer: Django's handling
        # answers it, checks the connections and reports what is wrong.
        logger.warning("Page cache lookup failed; the request goes to Django.", exc_info=True)
        return None


class CachedPages:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        stored = lookup(environ)
        if stored is None:
            return self.application(environ, start_response)
        status, headers, content = stored
        start_response(_status_line(status), [*headers, (HEADER, "hit")])
        return [content]
