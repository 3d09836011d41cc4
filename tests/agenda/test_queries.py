"""The number of SQL queries of the agenda does not grow with the number of events, and
stays within the budgets: list and month ≤ 12, event page ≤ 10, home page ≤ 12."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.sample import create_sample_events
from partners.models import Partner

pytestmark = pytest.mark.django_db

BUDGETS = {"list": 12, "filtered": 12, "month": 12, "archive": 12, "series": 12, "event": 10, "home": 12}
BUDGETS.update({"list, English": 12, "month, English": 12, "home, English": 12})


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def measure(client, urls):
    for url in urls.values():
        client.get(url)  # warm per-process caches (content types, site root paths, locales)
    return {name: count_queries(client, url) for name, url in urls.items()}


def test_query_counts_are_the_same_with_10_and_500_events(client, agenda, today, capsys):
    organisers = list(Partner.objects.filter(locale__language_code="fr").order_by("pk")[:4])
    create_sample_events(agenda, 10, organisers=organisers)
    month = f"/agenda/mois/{today.year}/{today.month:02d}/"
    urls = {
        "list": "/agenda/",
        "filtered": f"/agenda/?departement=21&price=gratuit&mode=sur-place&tag=ess&organiser={organisers[0].slug}",
        "month": month,
        "month, filtered": month + "?category=formation&departement=58",
        "archive": "/agenda/archives/",
        "series": "/agenda/semaine-ess-2026/",
        "event": "/agenda/evenement-exemple-00003/",
        "ical": "/agenda/ical/",
        "ical, filtered": "/agenda/ical/?departement=71",
        "rss": "/agenda/rss/",
        "home": "/",
        # The English agenda shows the French events not yet translated (all of these).
        "list, English": "/en/agenda/",
        "month, English": "/en" + month,
        "home, English": "/en/",
    }
    with_few = measure(client, urls)
    create_sample_events(agenda, 490, organisers=organisers, prefix="autre-exemple", seed=7)
    with_many = measure(client, urls)
    assert with_many == with_few
    for name, budget in BUDGETS.items():
        assert with_few[name] <= budget, (name, str(with_few))
    with capsys.disabled():
        print("\nSQL queries per request (10 and 500 events):", with_many)
