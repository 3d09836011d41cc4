"""Shared fixtures: the test database is built once per run with the plan's content.

``django_db_setup`` runs the real ``load_predess`` after the migrations, so every test
starts from the site a visitor sees, and rolls back what it changes.
"""

import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

# Playwright's sync API runs an event loop in the main thread; Django's ORM would
# otherwise refuse to run beside it in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_predess", verbosity=0)


@pytest.fixture(autouse=True)
def _french_after_each_test():
    """Each test starts in French: a request to an English page leaves English active in
    the thread (Django's locale middleware does not switch back), and a later test that
    reads a label or a validation message outside a request would read it in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client(client):
    """Django's test client, on the host the default Site answers to."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="fr")


def empty_page_cache():
    """The page cache as a fresh process sees it. The local-memory cache outlives each
    test's rollback, and so would entries kept under a generation number that the rollback
    gives back: it is emptied. Redis is shared with other runs and never flushed: the
    generation it holds only grows, so a bump is enough."""
    from django.core.cache.backends.locmem import LocMemCache

    from pagecache import generation

    cache = generation.page_cache()
    if isinstance(cache, LocMemCache):
        cache.clear()
    generation.bump()
    return cache


@pytest.fixture
def memo(settings, db):
    """Pages rendered every time (page cache off) with the memo on, as in production."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_MEMO_SECONDS = 300
    return empty_page_cache()
