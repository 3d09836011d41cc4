"""The site-wide content generation number, part of every cached page's key.

Where it lives (``settings.CONTENT_GENERATION_STORE``):

* ``database``: one row of ``pagecache.ContentGeneration``. Reading it costs one query
  by primary key per request; a bump is an ``UPDATE … SET value = value + 1`` in the
  transaction that changes the content, so other workers see the new generation exactly
  when they see the new content (the same commit). This is what makes the local-memory
  cache correct with several gunicorn workers.
* ``cache``: a counter in the shared cache (Redis). Reading it costs one cache ``GET``
  instead of a query. A bump increments it at once *and again after the transaction
  commits*, so a page rendered from not yet committed data can never stay cached under
  the newest generation.
* ``auto`` (default): ``cache`` when the page cache is shared between processes (Redis)
  and no read replica is configured, ``database`` otherwise. With a read replica the
  generation must be read from the same database as the content it describes.

The generation is read once per request and kept on the request.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import connection, connections, router, transaction
from django.db.models import F
from django.db.models.functions import Now
from django.dispatch import receiver

GENERATION_KEY = "content-generation"
_REQUEST_ATTRIBUTE = "_content_generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


_resolved_store = []  # the answer of ``store()``, kept until a setting changes


@receiver(setting_changed)
def _forget_store(**kwargs):
    _resolved_store.clear()


def store():
    """``"database"`` or ``"cache"``, as configured (``auto`` resolved)."""
    if not _resolved_store:
        _resolved_store.append(_resolve_store())
    return _resolved_store[0]


def _resolve_store():
    configured = getattr(settings, "CONTENT_GENERATION_STORE", "auto")
    if configured in ("database", "cache"):
        return configured
    shared_cache = not isinstance(page_cache(), LocMemCache)
    has_replica = "replica" in settings.DATABASES
    return "cache" if shared_cache and not has_replica else "database"


def _read_database():
    # Plain SQL on the driver's own cursor: on a cache hit this query is most of the
    # work, and the ORM (or even Django's cursor wrappers) would double it.
    from .models import ContentGeneration

    database = connections[router.db_for_read(ContentGeneration)]
    database.ensure_connection()
    cursor = database.connection.cursor()
    try:
        cursor.execute(f"SELECT value FROM {ContentGeneration._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    finally:
        cursor.close()
    return row[0] if row else 0


def _read_cache():
    cache = page_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # First use, or evicted: start above anything used before (nanoseconds since the
        # epoch), so that pages cached under an older counter can never be served again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY) or 0
    return value


def current(request=None):
    """The current content generation (read once per request when a request is given)."""
    if request is not None:
        value = getattr(request, _REQUEST_ATTRIBUTE, None)
        if value is not None:
            return value
    value = _read_cache() if store() == "cache" else _read_database()
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, value)
    return value


def _bump_database():
    from .models import ContentGeneration

    if not ContentGeneration.objects.filter(pk=1).update(value=F("value") + 1, changed_at=Now()):
        ContentGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def _bump_cache():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): a fresh, larger start
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def bump():
    """Make every cached page stale, in every process. Cheap: call it on any content change."""
    if store() == "cache":
        _bump_cache()
        if connection.in_atomic_block:
            transaction.on_commit(_bump_cache)
    else:
        _bump_database()
