"""The finder, a scheme's page and the comparison read the database a fixed number of
times, at most 10, whether there are 10 or 200 more schemes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fiches.models import Audience, Dispositif, FichePage, Need
from partners.models import Partner

pytestmark = pytest.mark.django_db

URLS = {
    "finder": "/aides/",
    "finder-filtered": "/aides/?profil=porteur-de-projet&besoin=pret&montant=5000&departement=21",
    "finder-error": "/aides/?montant=-3",
    "scheme": "/aides/contrat-apport-associatif/",
    "compare": "/aides/comparer/?d=prime-pacq&d=nacre&d=extra-scheme-1",
    "finder-en": "/en/aids/?besoin=pret",
    "scheme-en": "/en/aids/nacre/",
    "fiche": None,
    "partner": "/partenaires/bourgogne-active/",
}


def add_schemes(count, start=0):
    """``count`` live French and English schemes, each with profiles, needs and fiches."""
    for language in ("fr", "en"):
        audiences = list(Audience.objects.filter(locale__language_code=language)[:3])
        needs = list(Need.objects.filter(locale__language_code=language, slug__in=["pret", "garantie"]))
        operators = list(Partner.objects.filter(locale__language_code="fr", slug__in=["adie", "bourgogne-active"]))
        fiches = list(FichePage.objects.filter(locale__language_code=language, number__in=["1.1", "1.3"]))
        for index in range(start, start + count):
            scheme = Dispositif(
                locale=audiences[0].locale,
                slug=f"extra-scheme-{index}",
                name=f"Dispositif supplémentaire {index}",
                kind=needs[0],
                amount_min=1000,
                amount_max=50000,
                summary="Un dispositif de plus.",
                live=True,
            )
            scheme.audiences, scheme.needs, scheme.fiches = audiences, needs, fiches
            scheme.operators = operators
            scheme.save()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_aid_pages_queries_are_few_and_constant(client):
    URLS["fiche"] = FichePage.objects.get(number="1.3", locale__language_code="fr").url
    add_schemes(10)
    for url in URLS.values():
        client.get(url)  # warm the per-process caches (site root paths, content types, locales)
    with_10 = {name: count_queries(client, url) for name, url in URLS.items()}
    add_schemes(190, start=10)
    with_200 = {name: count_queries(client, url) for name, url in URLS.items()}
    assert with_200 == with_10
    over = {name: count for name, count in with_10.items() if name not in ("fiche", "partner") and count > 10}
    assert not over, with_10
    assert "Dispositif supplémentaire 199" in client.get("/aides/?besoin=pret").content.decode()
