"""SQL queries per page stay within the issue's budgets, as production renders pages.

Production serves anonymous pages from the page cache: a hit costs one query at most
(``test_page_cache``). The budgets are those of a miss — the page rendered, with the
content generation read and the parts every page repeats (view restrictions, navigation,
site) taken from the per-generation memo. That the counts do not grow with the data is
checked per app: ``tests/site/test_queries.py`` (fiches), ``tests/partners/test_queries.py``
(10 and 500 partners), and ``test_counts_do_not_grow_with_partners`` below.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fiches.models import FichePage
from pagecache import generation

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def fiche_url():
    return FichePage.objects.filter(locale__language_code="fr").order_by("path").first().url


def directory_filtered_url():
    partners = pytest.importorskip("partners.models")
    directory = partners.PartnerDirectoryPage.objects.live().get(locale__language_code="fr")
    return f"{directory.url}?departement=21&offer=financement"


def partner_url():
    partners = pytest.importorskip("partners.models")
    return partners.Partner.objects.live().filter(locale__language_code="fr").order_by("pk").first().get_url()


# (name, URL or a callable giving it, budget). A page whose app is not installed is skipped.
BUDGETS = [
    ("home", "/", 12),
    ("home (English)", "/en/", 12),
    ("fiche", fiche_url, 10),
    ("fiches index, filtered", "/fiches/?pour-qui=association", 12),
    ("search", "/recherche/?q=emploi", 10),
    ("search, page 2", "/recherche/?q=de&page=2", 10),
    ("directory, filtered", directory_filtered_url, 12),
    ("partner", partner_url, 10),
]


def resolve(url):
    return url() if callable(url) else url


def measure(client, url):
    """Queries of a miss: the URL rendered once to warm per-process caches, then with a
    query string of its own (never a hit)."""
    separator = "&" if "?" in url else "?"
    client.get(f"{url}{separator}warm=1")
    return count_queries(client, f"{url}{separator}n=1")


@pytest.mark.parametrize(("name", "url", "budget"), BUDGETS, ids=[b[0] for b in BUDGETS])
def test_query_budget(client, page_cache, name, url, budget):
    queries = measure(client, resolve(url))
    assert queries <= budget, f"{name}: {queries} queries (budget {budget})"


def test_counts_do_not_grow_with_partners(client, page_cache):
    partners = pytest.importorskip("partners.sample")
    from wagtail.models import Locale

    urls = [resolve(url) for _name, url, _budget in BUDGETS]
    before = [measure(client, url) for url in urls]
    french = Locale.objects.get(language_code="fr")
    partners.create_sample_partners(300, locale=french, fiches=list(FichePage.objects.filter(locale=french)))
    generation.bump()
    after = [measure(client, url) for url in urls]
    assert after == before, list(zip(urls, before, after, strict=False))
