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
import time
from functools import cache
from http import HTTPStatus

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone

from . import generation
from .middleware import HEADER, page_key, request_is_cacheable
from .middleware import page_digest as page_digest_of

logger = logging.getLogger(__name__)


@cache
def _status_line(status):
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


# What a page's digest and whether it may be cached are computed from: the request's
# method, address, language (path, cookie, Accept-Language), encoding, cookies and
# credentials, and the proxy headers Django reads for the scheme, host and port.
SIGNATURE = (
    "REQUEST_METHOD",
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_COOKIE",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_AUTHORIZATION",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
)
MAX_DIGESTS = 4096
_digests = {}  # signature -> (today, digest or None), per process


_day = [None, None]  # (second, local date): the date read once per second


@receiver(setting_changed)
def _forget_digests(**kwargs):
    _digests.clear()
    _day[:] = [None, None]


def _today():
    second = int(time.time())
    if _day[0] != second:
        _day[:] = [second, timezone.localdate()]
    return _day[1]


def _signature(environ):
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    extra = environ.get(proxy_header[0]) if proxy_header else None
    return (*(environ.get(name) for name in SIGNATURE), extra)


def page_digest(environ):
    """``middleware.page_digest`` of the request ``environ`` describes (None: not to be
    cached), remembered per process for the same request headers and day: a repeated
    request costs a dictionary lookup instead of Django's request parsing, host
    validation and language negotiation."""
    signature = _signature(environ)
    today = _today()
    known = _digests.get(signature)
    if known is not None and known[0] == today:
        return known[1]
    request = WSGIRequest(environ)
    digest = page_digest_of(request) if request_is_cacheable(request) else None
    if len(_digests) >= MAX_DIGESTS:
        _digests.clear()
    _digests[signature] = (today, digest)
    return digest


def lookup(environ):
    """The stored ``(status, headers, body)`` for this request, or None."""
    if settings.PAGE_CACHE_SECONDS <= 0 or environ.get("REQUEST_METHOD") != "GET":
        return None
    try:
        digest = page_digest(environ)
        if digest is None:
            return None
        return generation.page_cache().get(page_key(generation.current(), digest))
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
