"""Test settings: lean and fast, real database (SQLite or DATABASE_URL), locmem mail."""

from predess.env import env_int, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = env_str("TEST_MEDIA_ROOT", str(BASE_DIR / ".test-media"))  # noqa: F405
# Beside the test media, never inside it (tests override it with a temporary folder).
PRIVATE_MEDIA_ROOT = env_str("TEST_PRIVATE_MEDIA_ROOT", MEDIA_ROOT.rstrip("/") + "-private")
CONCOURS_NOTIFICATION_EMAILS = ["concours@predess.invalid"]
if not REDIS_URL:  # noqa: F405
    CACHES = {  # noqa: F811
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "predess-test",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "predess-test-pages",
        },
    }
# Whole-page caching is off in tests, except in those that turn it on (tests/perf/):
# the others change data without publishing and expect to see it at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
PAGE_MEMO_SECONDS = env_int("PAGE_MEMO_SECONDS", 0)
WAGTAILADMIN_BASE_URL = "http://testserver"
# WhiteNoise serves from the finders here; it still expects STATIC_ROOT to exist.
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405
