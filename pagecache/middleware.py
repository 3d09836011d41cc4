"""Whole responses of anonymous visitors, kept in the cache and served without a render.

``PageCacheMiddleware`` sits near the top of ``MIDDLEWARE`` (below the health check and
the replica routing, above the security headers, WhiteNoise, gzip, sessions, locale…):
what it stores is the response as it leaves Django, security headers included. A hit
costs the generation read (one query, or one cache get: see ``pagecache.generation``)
and one cache get. Under gunicorn, ``pagecache.wsgi.CachedPages`` answers hits before
Django's request handling, with the same rules and keys.

A request may be served from, or stored in, the cache only when it is a ``GET`` that
carries no session cookie, no messages cookie and no ``Authorization`` header — so the
visitor is anonymous and has nothing personal to show — and whose path is not excluded
(``/admin/`` and its previews, documents, health check…).

A response is stored only when nothing in it can differ from one anonymous visitor to
another or be secret: status 200, not streamed, no ``Set-Cookie``, no CSRF token used
(forms), no ``Cache-Control: private/no-cache/no-store``, no ``Vary`` beyond ``Cookie``
(the visitor has none), ``Accept-Language`` (the language is in the key) and
``Accept-Encoding`` (gzip is in the key). Private pages answer anonymous visitors with a
redirect to the login page, which is never stored.

The key holds the content generation, so any publication empties the cache at once for
every process; the scheme, host, path and query string; the language; whether the
client accepts gzip; and today's date, so that "upcoming" listings turn at midnight.
Entries also expire after ``PAGE_CACHE_SECONDS``.
"""

import hashlib

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.regex_helper import _lazy_re_compile

from . import generation, memo

accepts_gzip = _lazy_re_compile(r"\bgzip\b")
HEADER = "X-Page-Cache"
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}
UNCACHEABLE_CONTROL = {"private", "no-cache", "no-store"}


def request_language(request):
    """The language ``LocaleMiddleware`` will activate for this request (same rules)."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
    if (
        not translation.get_language_from_path(request.path_info)
        and i18n_patterns_used
        and not prefixed_default_language
    ):
        language = settings.LANGUAGE_CODE
    return language


def request_is_cacheable(request):
    if request.method != "GET":
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))


def page_digest(request):
    """What identifies this request's page apart from the content generation (scheme,
    host, path, query string, language, gzip, today's date), or None when it must not be
    cached."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Django answers it with a 400, uncached
    parts = [
        "https" if request.is_secure() else "http",
        host,
        request.path,
        request.META.get("QUERY_STRING", ""),
        request_language(request),
        "gzip" if accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "",
        timezone.localdate().isoformat(),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def page_key(generation_value, digest):
    return f"page:{generation_value}:{digest}"


def cache_key(request):
    """The key of this request's page, or None when it must not be cached."""
    digest = page_digest(request)
    return page_key(generation.current(request), digest) if digest is not None else None


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds a CSRF token: a form
    if len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
        return False
    control = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & UNCACHEABLE_CONTROL:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= HARMLESS_VARY


def snapshot(response):
    return (response.status_code, list(response.items()), response.content)


def from_snapshot(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        cacheable = request_is_cacheable(request)
        key = cache_key(request) if seconds > 0 and cacheable else None
        if key is not None:
            stored = generation.page_cache().get(key)
            if stored is not None:
                return from_snapshot(stored)
        if cacheable:
            memo.prime_site(request)
        response = self.get_response(request)
        if key is not None and response_is_cacheable(request, response):
            shared_max_age = settings.PAGE_CACHE_SHARED_MAX_AGE
            if shared_max_age > 0:
                # A CDN may keep it too (purged on publication, see pagecache.frontend).
                patch_cache_control(response, public=True, max_age=0, s_maxage=shared_max_age)
            generation.page_cache().set(key, snapshot(response), seconds)
            response[HEADER] = "miss"
        return response
