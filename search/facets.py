"""The départements and axes of every object of each kind, kept in the process.

Facet counts need the codes of every match (thousands for a broad query); reading them in
the search statement costs a subquery per match. They change only when an object is saved,
so each kind's codes are read once (one query for all its objects in a language) and kept
until the content version changes (``search.signals`` raises it on every save or deletion
of an object of a registered kind), or for ``MAX_AGE`` seconds at most.
"""

import threading
import time
from functools import lru_cache

from django.core.cache import cache

from .registry import columns_queryset

VERSION_KEY = "search:content:version"
MAX_AGE = 600  # seconds
NO_CODES = (frozenset(), frozenset())

_built = {}
_lock = threading.Lock()


@lru_cache(maxsize=256)
def split_codes(value):
    """ "21,58" → frozenset({"21", "58"}) (few distinct values: kept)."""
    return frozenset(code for code in (value or "").split(",") if code)


def content_version():
    return cache.get(VERSION_KEY, 0)


def codes_by_pk(kind, locale, version=None):
    """{pk: (départements, axes)} of every object of ``kind`` in ``locale`` that has one."""
    if kind.departements is None and kind.axes is None:
        return {}
    version = content_version() if version is None else version
    key = (kind.key, locale.pk)
    built = _built.get(key)
    if built is not None and built[0] == version and time.monotonic() - built[1] < MAX_AGE:
        return built[2]
    with _lock:
        rows = columns_queryset(kind.facet_queryset(locale), kind.facet_columns())
        codes = {}
        for row in rows.iterator(chunk_size=2000):
            value = (split_codes(row["_s_departements"]), split_codes(row["_s_axes"]))
            if value != NO_CODES:
                codes[row["_s_pk"]] = value
        _built[key] = (version, time.monotonic(), codes)
    return codes


def invalidate():
    """Every worker reads the codes again (and rebuilds its suggestions) on next use."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
    _built.clear()


def clear():
    _built.clear()
