"""The directory in English: the page is translated; the partners stay French until they
are translated (issue 8), and the English directory shows them meanwhile."""

import pytest
from wagtail.models import Locale

from fiches.models import FichePage
from partners.models import Partner, partners_locale_id

from .conftest import result_count, soup

pytestmark = pytest.mark.django_db


def test_english_directory_shows_the_partners_until_they_are_translated(client, yaml_partners):
    response = client.get("/en/partners/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Partners"
    assert result_count(response) == len(yaml_partners)
    link = page.select_one(".card--partner .card__title a")["href"]
    assert link.startswith("/en/partners/")
    assert client.get(link).status_code == 200
    assert client.get("/en/partners/?fiche=1.1&departement=region").status_code == 200
    assert client.get("/en/partners/export.csv").status_code == 200


def test_english_fiche_lists_its_partners_in_the_english_directory(client):
    fiche = FichePage.objects.get(number="3.3", locale__language_code="en")
    links = [a["href"] for a in soup(client.get(fiche.url)).select(".fiche__partners a")]
    assert "/en/partners/cress/" in links


def test_translated_partners_replace_the_french_ones(make_partner):
    english = Locale.objects.get(language_code="en")
    french = Locale.objects.get(language_code="fr")
    assert partners_locale_id(english.pk) == french.pk
    cress = Partner.objects.get(slug="cress", locale=french)
    translation = cress.copy_for_translation(english)
    translation.save()
    translation.save_revision().publish()
    assert partners_locale_id(english.pk) == english.pk
    assert partners_locale_id(french.pk) == french.pk
