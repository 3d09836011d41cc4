"""Local development: DEBUG on by default, mail printed to the console."""

from predess.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# A development-only key; production refuses to start without its own.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Serve static files from the source folders without collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# WhiteNoise serves from the finders here; it still expects STATIC_ROOT to exist.
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405
