"""Response headers of the whole site: Content-Security-Policy, Permissions-Policy, gzip.

Django 5.2 has no built-in CSP: ``SecurityHeadersMiddleware`` writes it from two policies
in the settings. ``CSP_PUBLIC`` is strict (scripts and styles from the site's own files
only: no inline script, no nonce, so a cached page stays valid for everyone); JSON-LD
blocks (``<script type="application/ld+json">``) are data, which browsers never run, so
the policy does not need to allow them. ``CSP_ADMIN`` is the one the Wagtail admin works
with (its pages use inline scripts and styles), sent under ``/admin/`` and to logged-in
users (whose pages carry Wagtail's user bar and are never cached); it allows framing by
the site itself, which the admin's preview panel needs.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import cc_delim_re

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


def format_policy(policy):
    return "; ".join(f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items())


def uses_admin_policy(request):
    if request.path_info.startswith(tuple(settings.CSP_ADMIN_PATHS)):
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # anonymous for sure: do not even look at the session
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = format_policy(settings.CSP_PUBLIC)
        self.admin_policy = format_policy(settings.CSP_ADMIN)
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.admin_policy if uses_admin_policy(request) else self.public_policy
        header = "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
        response.headers.setdefault(header, policy)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class SafeGZipMiddleware(GZipMiddleware):
    """Django's gzip, for text only, and never on a response that holds a secret.

    BREACH recovers a secret from the compressed size of a page that also reflects what
    the attacker sends. The secret that matters here is the CSRF token: a response that
    used it (any page with a POST form) or sets a cookie is sent uncompressed. Public
    pages, feeds and exports — nearly all the bytes — are compressed.
    """

    def process_response(self, request, response):
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED") or response.cookies:
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        if "no-transform" in {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}:
            return response
        return super().process_response(request, response)
