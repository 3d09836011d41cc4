"""The directory's search reads Wagtail's search index directly (search/matching.py): it
must find exactly what the search backend finds, on SQLite and on PostgreSQL."""

import pytest
from wagtail.search.backends import get_search_backend

from partners.models import Partner
from search.matching import matching

pytestmark = pytest.mark.django_db

QUERIES = ["economie", "économie sociale", "Couveuse", "URSCOP", "dijon", "prêt honneur", "garantie", "zzzz", "l’ESS"]


def found(query):
    return set(Partner.objects.filter(matching(Partner, query)).values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_same_results_as_the_search_backend(query):
    backend = get_search_backend()
    expected = {p.pk for p in backend.search(query, Partner.objects.all(), operator="and", order_by_relevance=False)}
    assert found(query) == expected


def test_accents_and_case_are_ignored():
    assert found("ECONOMIE") == found("économie")
    assert Partner.objects.get(slug="cress").pk in found("economie")


def test_new_and_changed_partners_are_found(make_partner):
    partner = make_partner("Atelier Vélo Solidaire", offers=["insertion"], slug="atelier-velo")
    assert partner.pk in found("velo")
    assert partner.pk in found("insertion activite")  # an offer's label
    partner.name = "Atelier Trottinette"
    partner.save_revision().publish()
    assert partner.pk not in found("velo")
    assert partner.pk in found("trottinette")
