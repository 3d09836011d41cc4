import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "predess.settings.production")

from pagecache.wsgi import CachedPages  # noqa: E402 (needs the settings module above)

# Cache hits are answered before Django's request handling (see pagecache/wsgi.py).
application = CachedPages(get_wsgi_application())
