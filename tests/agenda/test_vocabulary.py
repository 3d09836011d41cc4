"""The organisers and keywords offered by the agenda's filters are kept once per content
generation (``PAGE_MEMO_SECONDS``, on in production): a published change shows at once."""

import pytest
from django.core.cache.backends.locmem import LocMemCache

from pagecache import generation
from partners.models import Partner

from .conftest import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo(settings, db):
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_MEMO_SECONDS = 300
    cache = generation.page_cache()
    if isinstance(cache, LocMemCache):
        cache.clear()
    generation.bump()


def options(client, name):
    return [o.get_text(strip=True) for o in soup(client.get("/agenda/")).select(f"select[name={name}] option")][1:]


def test_a_new_organiser_and_keyword_are_offered_as_soon_as_published(client, memo, make_event):
    cress = Partner.objects.get(slug="cress", locale__language_code="fr")
    before = options(client, "organiser")
    assert cress.name not in before
    assert "vélo" not in options(client, "tag")
    event = make_event("Balade à vélo", tags=["vélo"], organiser=cress)
    assert cress.name in options(client, "organiser")
    assert "vélo" in options(client, "tag")
    event.unpublish()
    assert options(client, "organiser") == before
    assert "vélo" not in options(client, "tag")


def test_the_selected_organiser_is_marked_in_the_form(client, memo, make_event):
    cress = Partner.objects.get(slug="cress", locale__language_code="fr")
    make_event("Forum de la CRESS", organiser=cress)
    page = soup(client.get("/agenda/", {"organiser": cress.slug}))
    selected = page.select("select[name=organiser] option[selected]")
    assert [o["value"] for o in selected] == [cress.slug]
