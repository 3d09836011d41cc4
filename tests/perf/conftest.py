"""Fixtures of the performance tests: the whole-page cache turned on, empty at the start."""

import pytest
from django.core.cache.backends.locmem import LocMemCache

from pagecache import generation


@pytest.fixture
def page_cache(settings, db):
    """The page cache as in production (it is off in the other tests).

    The local-memory cache outlives each test's rollback, and so would pages cached under a
    generation number that the rollback gives back: it is emptied. Redis is shared with
    other runs and never flushed: the generation it holds only grows, so a bump is enough.
    """
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_MEMO_SECONDS = 300
    cache = generation.page_cache()
    if isinstance(cache, LocMemCache):
        cache.clear()
    generation.bump()
    return cache


def cache_state(response):
    """ "hit", "miss" (rendered and stored) or None (neither served from nor stored in the cache)."""
    return response.headers.get("X-Page-Cache")
