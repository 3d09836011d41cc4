"""Cache hits answered before Django's request handling (``pagecache.wsgi.CachedPages``,
the WSGI application gunicorn serves): the same page, status and headers as Django gives,
and only for the requests the page cache may answer."""

import datetime as dt

import pytest
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from freezegun import freeze_time
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_for_hypothesis
from hypothesis import strategies as st

from agenda.calendar import PARIS
from fiches.models import FichePage
from pagecache import middleware
from pagecache import wsgi as pagecache_wsgi
from pagecache.wsgi import CachedPages

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


class Served:
    def __init__(self, status, headers, body, reached_django):
        self.status = status
        self.headers = dict(headers)
        self.body = body
        self.reached_django = reached_django


@pytest.fixture
def serve(page_cache):
    """``serve(method, path, **environ)``: the response of the site's WSGI application,
    and whether Django's request handling ran."""
    application = CachedPages(WSGIHandler())
    factory = RequestFactory()

    def call(method, path, **extra):
        extra.setdefault("HTTP_HOST", "localhost")
        environ = getattr(factory, method.lower())(path, **extra).environ
        started = []

        def note(**kwargs):
            started.append(True)

        request_started.connect(note)
        # As Django's test client does: the test's database connection (its transaction)
        # must outlive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        captured = {}

        def start_response(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        try:
            body = b"".join(application(environ, start_response))
        finally:
            request_started.disconnect(note)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Served(captured["status"], captured["headers"], body, bool(started))

    return call


def test_a_hit_is_answered_before_django_with_the_same_page_and_headers(serve):
    first = serve("GET", "/", HTTP_ACCEPT_ENCODING="gzip")
    second = serve("GET", "/", HTTP_ACCEPT_ENCODING="gzip")
    assert first.reached_django and first.headers["X-Page-Cache"] == "miss"
    assert not second.reached_django and second.headers["X-Page-Cache"] == "hit"
    assert second.status == first.status == "200 OK"
    assert second.body == first.body
    assert second.headers["Content-Encoding"] == "gzip"
    for name in ("Content-Type", "Content-Language", "Content-Length", "Vary", *SECURITY_HEADERS):
        assert second.headers[name] == first.headers[name], name


@pytest.mark.parametrize(
    ("method", "path", "extra"),
    [
        ("GET", "/", {"HTTP_COOKIE": "sessionid=abc"}),
        ("GET", "/", {"HTTP_COOKIE": "messages=abc"}),
        ("GET", "/", {"HTTP_AUTHORIZATION": "Basic YTpi"}),
        ("HEAD", "/", {}),
        ("GET", "/", {"HTTP_HOST": "evil.example"}),
        ("GET", "/admin/login/", {}),
    ],
)
def test_requests_the_cache_must_not_answer_go_to_django(serve, method, path, extra):
    serve("GET", path)  # the page stored for anonymous visitors, when it may be
    served = serve(method, path, **extra)
    assert served.reached_django
    assert served.headers.get("X-Page-Cache") != "hit"


def test_a_publication_is_seen_at_once(serve):
    fiche = FichePage.objects.get(number="1.1", locale__language_code="fr")
    serve("GET", "/fiches/")
    assert serve("GET", "/fiches/").headers["X-Page-Cache"] == "hit"
    fiche.title = "Un titre tout neuf pour la fiche"
    fiche.save_revision().publish()
    fresh = serve("GET", "/fiches/")
    assert fresh.reached_django
    assert "Un titre tout neuf pour la fiche" in fresh.body.decode()


def test_languages_and_encodings_keep_their_own_pages(serve):
    serve("GET", "/")
    serve("GET", "/en/")
    french, english = serve("GET", "/"), serve("GET", "/en/")
    assert not french.reached_django and not english.reached_django
    assert french.headers["Content-Language"] == "fr" and english.headers["Content-Language"] == "en"
    plain = serve("GET", "/", HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in plain.headers
    assert plain.body.startswith(b"<!DOCTYPE html>") or plain.body.lstrip().startswith(b"<!")


@pytest.mark.parametrize(
    "environ",
    [
        {"PATH_INFO": "/fiches/\xff\xfe/"},  # bytes that are not UTF-8 (WSGI gives them as latin-1)
        {"PATH_INFO": "/", "QUERY_STRING": "q=%ff%fe&page=999999999999999999999"},
        {"PATH_INFO": "/", "HTTP_HOST": "localhost:notaport"},
        {"PATH_INFO": "/", "HTTP_COOKIE": "sessionid=\xff; messages"},
    ],
)
def test_odd_requests_are_left_to_django(serve, environ):
    path = environ.pop("PATH_INFO")
    served = serve("GET", "/", **environ) if path == "/" else serve("GET", "/", PATH_INFO=path)
    assert served.status.split()[0] in {"200", "400", "404"}


# --- The per-process memo of page digests (``pagecache.wsgi.page_digest``) -------------

REQUEST_PARTS = {
    "PATH_INFO": st.sampled_from(["/", "/en/", "/fiches/", "/agenda/", "/admin/", "/partenaires/", "/é/"]),
    "QUERY_STRING": st.sampled_from(["", "page=2", "q=%C3%A9t%C3%A9", "departement=21&offer=financement"]),
    "HTTP_HOST": st.sampled_from(["localhost", "localhost:8000", "testserver", "evil.example", "LOCALHOST"]),
    "HTTP_COOKIE": st.sampled_from(["", "django_language=en", "sessionid=abc", "messages=x", "csrftoken=abc"]),
    "HTTP_ACCEPT_LANGUAGE": st.sampled_from(["", "fr-FR,fr;q=0.9", "en-GB,en;q=0.8", "de", "*"]),
    "HTTP_ACCEPT_ENCODING": st.sampled_from(["", "gzip, deflate, br", "identity", "br"]),
    "HTTP_AUTHORIZATION": st.sampled_from([None, "Basic YTpi"]),
    "HTTP_X_FORWARDED_PROTO": st.sampled_from([None, "https", "http"]),
    "REQUEST_METHOD": st.sampled_from(["GET", "GET", "HEAD"]),
}


def environ_of(parts):
    environ = RequestFactory().get("/").environ
    for name, value in parts.items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    return environ


def django_digest(environ):
    request = WSGIRequest(environ)
    return middleware.page_digest(request) if middleware.request_is_cacheable(request) else None


@settings_for_hypothesis(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.fixed_dictionaries(REQUEST_PARTS))
def test_the_remembered_digest_is_the_one_django_computes(settings, parts):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    expected = django_digest(environ_of(parts))
    assert pagecache_wsgi.page_digest(environ_of(parts)) == expected  # computed
    assert pagecache_wsgi.page_digest(environ_of(parts)) == expected  # remembered


def test_a_setting_change_forgets_the_remembered_digests(settings):
    environ = environ_of({"HTTP_HOST": "localhost"})
    assert pagecache_wsgi.page_digest(environ) is not None
    settings.ALLOWED_HOSTS = ["example.org"]
    assert pagecache_wsgi.page_digest(environ_of({"HTTP_HOST": "localhost"})) is None
    settings.PAGE_CACHE_EXCLUDED_PATHS = ["/"]
    settings.ALLOWED_HOSTS = ["localhost"]
    assert pagecache_wsgi.page_digest(environ_of({"HTTP_HOST": "localhost"})) is None


def test_the_remembered_digest_turns_at_midnight():
    environ = environ_of({"HTTP_HOST": "localhost"})
    with freeze_time(dt.datetime(2026, 11, 28, 23, 59, 58, tzinfo=PARIS)):
        evening = pagecache_wsgi.page_digest(environ)
        assert pagecache_wsgi.page_digest(environ) == evening
    with freeze_time(dt.datetime(2026, 11, 29, 0, 0, 1, tzinfo=PARIS)):
        assert pagecache_wsgi.page_digest(environ) not in (None, evening)
