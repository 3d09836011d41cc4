"""SQL queries per page stay constant whatever the number of fiches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fiches.models import AxisPage, FichePage

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_fiches(axis, count):
    for index in range(count):
        fiche = FichePage(
            title=f"Fiche supplémentaire {index}",
            slug=f"fiche-supplementaire-{axis.number}-{index}",
            number=f"{axis.number}.9",
            summary="Une fiche de plus.",
            what_is_it="<p>a</p>",
            what_for="<p>b</p>",
            who_for="<p>c</p>",
            how="<p>d</p>",
        )
        axis.add_child(instance=fiche)
        fiche.audiences.set(list(fiche.audiences.model.objects.filter(locale=axis.locale)[:3]))
        fiche.save_revision().publish()


def test_fiche_axis_and_home_queries_do_not_grow_with_fiches(client):
    fiche = FichePage.objects.get(number="1.1", locale__language_code="fr")
    axis = AxisPage.objects.get(number=1, locale__language_code="fr")
    urls = {"home": "/", "axis": axis.url, "fiche": fiche.url, "index": "/fiches/"}
    for url in urls.values():  # warm the per-process caches (site root, locales, vocabularies)
        client.get(url)
    before = {name: count_queries(client, url) for name, url in urls.items()}
    add_fiches(axis, 25)
    after = {name: count_queries(client, url) for name, url in urls.items()}
    assert after == before
    # 12 = 10 for the fiche itself + 1 for the partners citing it + 1 for the aid schemes it
    # describes (one query each, however many).
    assert before["fiche"] <= 12, before
    assert before["home"] <= 12, before
