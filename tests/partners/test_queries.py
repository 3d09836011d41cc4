"""The number of SQL queries of the directory does not grow with the number of partners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from fiches.models import FichePage
from partners.models import Partner
from partners.sample import create_sample_partners

pytestmark = pytest.mark.django_db

URLS = {
    "directory": "/partenaires/",
    "filtered": "/partenaires/?kind=association&offer=financement&departement=21&fiche=1.1",
    "region": "/partenaires/?departement=region&page=1",
    "search": "/partenaires/?q=structure&departement=58",
    "search, upper case": "/partenaires/?q=BOURGOGNE+Structure&kind=association",
    "partner": "/partenaires/partenaire-exemple-00001/",
    "csv": "/partenaires/export.csv?offer=formation",
    "json": "/partenaires/export.json?departement=71",
    "feed": "/partenaires/flux/",
    "fiche": None,
}
# The partner's page and the fiche each spend one more query on the aid schemes they list
# (the schemes a partner runs, the schemes a fiche describes), and the partner one more on
# its upcoming events: one query each, however many.
BUDGETS = {"directory": 12, "filtered": 12, "region": 12, "search": 12, "partner": 12, "fiche": 12}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def measure(client, urls):
    for url in urls.values():
        client.get(url)  # warm per-process caches (content types, site root paths)
    return {name: count_queries(client, url) for name, url in urls.items()}


def test_query_counts_are_the_same_with_10_and_500_partners(client, capsys):
    locale = Locale.objects.get(language_code="fr")
    fiches = list(FichePage.objects.filter(locale=locale))
    urls = {**URLS, "fiche": FichePage.objects.get(number="1.1", locale__language_code="fr").url}
    Partner.objects.all().delete()
    sample = create_sample_partners(10, locale=locale, fiches=fiches)
    # Every filter of the "filtered" URL taken from one partner: results in both cases.
    first = Partner.objects.get(pk=sample[0].pk)
    fiche = first.fiches.first()
    urls["filtered"] = (
        f"/partenaires/?kind={first.kind}&offer={first.offers[0].value}"
        f"&departement={first.departements[0].value}" + (f"&fiche={fiche.number}" if fiche else "")
    )
    with_few = measure(client, urls)
    create_sample_partners(490, locale=locale, fiches=fiches, prefix="autre-exemple", seed=7)
    assert Partner.objects.live().count() == 500
    with_many = measure(client, urls)
    assert with_many == with_few
    # Any page of the results costs the same as the first.
    assert measure(client, {"page 20": "/partenaires/?page=20"})["page 20"] == with_many["directory"]
    for name, budget in BUDGETS.items():
        assert with_few[name] <= budget, (name, with_few)
    with capsys.disabled():
        print("\nSQL queries per request (10 and 500 partners):", with_many)


def test_query_counts_of_the_loaded_directory(client, directory):
    counts = measure(client, {"directory": URLS["directory"], "partner": "/partenaires/cress/"})
    assert counts["directory"] <= 12, counts
    assert counts["partner"] <= 12, counts  # 10 + 1 for the aid schemes it runs + 1 for its events
