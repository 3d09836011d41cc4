"""The directory's counts are kept once per content generation for lists without search
words (``PAGE_MEMO_SECONDS``, on in production), and so is the list of partners a fiche
names: they must change as soon as a partner is published, edited or unpublished, and
the counts must never mix two filter combinations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fiches.models import FichePage
from pagecache import generation

from .conftest import option_counts, result_count, soup

pytestmark = pytest.mark.django_db


FILTERED = {"departement": "21", "offer": "financement"}


def test_counts_follow_a_published_partner_at_once(client, memo, directory, make_partner):
    fiche = FichePage.objects.get(number="1.1", locale__language_code="fr")
    before = client.get(directory.url, FILTERED)
    again = client.get(directory.url, FILTERED)
    assert option_counts(again, "kind") == option_counts(before, "kind")
    partner = make_partner(
        "Coopérative des compteurs", offers=["financement"], departements=["21"], fiches=[fiche], kind="cooperative"
    )
    after = client.get(directory.url, FILTERED)
    assert result_count(after) == result_count(before) + 1
    assert option_counts(after, "kind")["cooperative"] == option_counts(before, "kind")["cooperative"] + 1
    assert option_counts(after, "fiche")["1.1"] == option_counts(before, "fiche")["1.1"] + 1
    assert option_counts(after, "offer")["financement"] == option_counts(before, "offer")["financement"] + 1

    partner.set_departements(["58"])
    partner.save_revision().publish()
    moved = client.get(directory.url, FILTERED)
    assert result_count(moved) == result_count(before)
    assert option_counts(moved, "departement")["58"] == option_counts(before, "departement")["58"] + 1

    partner.unpublish()
    assert option_counts(client.get(directory.url, FILTERED), "departement") == option_counts(before, "departement")


def test_each_filter_combination_has_its_own_counts(client, memo, directory):
    for params in ({}, {"departement": "21"}, FILTERED, {"kind": "cooperative"}, {"fiche": "1.1"}):
        fresh = client.get(directory.url, params)
        kept = client.get(directory.url, params)
        assert result_count(kept) == result_count(fresh)
        assert option_counts(kept, "offer") == option_counts(fresh, "offer")
    assert result_count(client.get(directory.url)) > result_count(client.get(directory.url, FILTERED))


def test_a_list_rendered_again_reads_only_its_page_of_results(client, memo, directory):
    client.get(directory.url, FILTERED)
    with CaptureQueriesContext(connection) as first_again:
        client.get(directory.url, FILTERED)
    generation.bump()
    with CaptureQueriesContext(connection) as after_a_change:
        client.get(directory.url, FILTERED)
    assert len(first_again) + 3 <= len(after_a_change)


def test_search_words_are_counted_every_time(client, memo, directory, make_partner):
    client.get(directory.url, {"q": "coopérative"})
    make_partner("Coopérative trouvée", offers=["financement"], departements=["21"])
    response = client.get(directory.url, {"q": "coopérative trouvée"})
    assert result_count(response) >= 1


def test_a_fiche_s_partner_list_follows_every_change_at_once(client, memo, make_partner):
    fiche = FichePage.objects.get(number="4.2", locale__language_code="fr")

    def names():
        return [a.get_text() for a in soup(client.get(fiche.url)).select(".fiche__partners a")]

    assert names() == []
    partner = make_partner("Coopérative citée", fiches=[fiche])
    assert names() == ["Coopérative citée"]
    assert names() == ["Coopérative citée"]  # kept
    partner.acronym = "CC2"
    partner.save_revision().publish()
    assert names() == ["Coopérative citée (CC2)"]
    partner.unpublish()
    assert names() == []
