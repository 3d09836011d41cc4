"""Content-Security-Policy and the other headers, public site and admin; gzip and BREACH."""

import gzip

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/", "/fiches/", "/recherche/?q=emploi", "/connexion/", "/nexiste-pas/"])
def test_public_pages_have_the_strict_policy(client, url):
    response = client.get(url)
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_have_no_inline_script_or_style(client):
    """What the strict policy would block: inline scripts, event handlers, style attributes.
    JSON-LD data blocks are allowed: browsers never run them."""
    import re

    for url in ["/", "/fiches/", "/plan-du-site/", "/connexion/"]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert not re.search(r"<[^>]+\sstyle\s*=", html), url
        assert "<style" not in html, url


def test_admin_has_a_policy_it_works_with(client):
    response = client.get("/admin/login/")
    csp = directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]  # the preview panel frames the site


def test_logged_in_users_get_the_admin_policy_on_public_pages(client):
    """Their pages carry Wagtail's user bar, and are never cached."""
    user = get_user_model().objects.create_superuser("admin-csp", "a@example.org", "motdepasse-solide-42")
    client.force_login(user)
    assert directives(client.get("/"))["frame-ancestors"] == ["'self'"]


def test_html_is_gzipped_but_not_when_it_holds_a_csrf_token(client):
    page = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert b"PREDESS" in gzip.decompress(page.content)
    form = client.get("/connexion/", HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in form.content
    assert "Content-Encoding" not in form


def test_documents_and_images_are_not_gzipped_again(rf):
    from django.http import HttpResponse

    from predess.middleware import SafeGZipMiddleware

    middleware = SafeGZipMiddleware(lambda request: HttpResponse(b"%PDF" + b"x" * 5000, content_type="application/pdf"))
    response = middleware(rf.get("/documents/1/a.pdf", HTTP_ACCEPT_ENCODING="gzip"))
    assert "Content-Encoding" not in response
