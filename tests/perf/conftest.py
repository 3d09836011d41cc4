"""Fixtures of the performance tests: the whole-page cache turned on, empty at the start."""

import pytest

from tests.conftest import empty_page_cache


@pytest.fixture
def page_cache(settings, db):
    """The page cache as in production (it is off in the other tests), empty at the start."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_MEMO_SECONDS = 300
    return empty_page_cache()


def cache_state(response):
    """ "hit", "miss" (rendered and stored) or None (neither served from nor stored in the cache)."""
    return response.headers.get("X-Page-Cache")
