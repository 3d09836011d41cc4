"""The directory in English: the page is translated; the partners stay French until they
are translated (issue 8), and the English directory shows them meanwhile."""

import pytest
from wagtail.models import Locale

from fiches.models import FichePage
from partners.models import Partner

from .conftest import result_count, result_names, soup

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


def translate(partner, **fields):
    """Publish the English translation of ``partner``, as a translator leaves it."""
    english = partner.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(english, name, value)
    english.save()
    english.save_revision().publish()
    return Partner.objects.get(pk=english.pk)


def every_card(client, url):
    """(name, lang of the name) of every partner card, page after page."""
    cards, number = [], 1
    while True:
        response = client.get(url, {"page": number})
        if response.status_code == 404:
            return cards
        for link in soup(response).select(".card--partner .card__title a"):
            link.select_one(".card__kicker").extract()
            name = link.select_one("span")
            cards.append((link.get_text(" ", strip=True), name.get("lang", "")))
        number += 1


def test_a_translated_partner_replaces_its_french_version_and_the_others_stay(client, yaml_partners):
    french = Locale.objects.get(language_code="fr")
    cress = Partner.objects.get(slug="cress", locale=french)
    translate(cress, name="Regional Chamber of the Social and Solidarity Economy")
    response = client.get("/en/partners/")
    # Still every partner: the translated one once, in English, the others in French.
    assert result_count(response) == len(yaml_partners)
    cards = every_card(client, "/en/partners/")
    assert len(cards) == len(yaml_partners)
    names = [name for name, _lang in cards]
    assert "Regional Chamber of the Social and Solidarity Economy (CRESS)" in names
    assert cress.display_name not in names
    marked = [name for name, lang in cards if lang == "fr"]
    assert len(marked) == len(yaml_partners) - 1
    assert not any("Regional Chamber" in name for name in marked)
    # The fiche filter counts partners citing the fiche in either language.
    fiche_numbers = sorted(fiche.number for fiche in cress.fiches.all())
    assert fiche_numbers
    filtered = client.get(f"/en/partners/?fiche={fiche_numbers[0]}")
    assert "Regional Chamber of the Social and Solidarity Economy (CRESS)" in result_names(filtered)
    # The French directory is unchanged.
    assert cress.display_name in result_names(client.get("/partenaires/"))


def test_english_pages_of_partners_mark_french_text(client, yaml_partners):
    french = Locale.objects.get(language_code="fr")
    cress = Partner.objects.get(slug="cress", locale=french)
    other = Partner.objects.filter(locale=french).exclude(pk=cress.pk).exclude(description="").order_by("pk").first()
    translate(cress, name="Regional Chamber of the Social and Solidarity Economy")
    page = soup(client.get("/en/partners/cress/"))
    assert page.html["lang"] == "en"
    assert "Regional Chamber" in page.h1.get_text()
    assert not page.select("main [lang=fr]")
    page = soup(client.get(f"/en/partners/{other.slug}/"))
    assert page.h1.select_one('[lang="fr"]').get_text(strip=True).startswith(other.name)
    assert page.select_one(".partner__section .rich-text")["lang"] == "fr"
    # Its fiches are linked in English.
    for link in page.select("#partner-fiches + ul a"):
        assert link["href"].startswith("/en/")
    # An English fiche names its partners: the French ones marked as such.
    fiche = FichePage.objects.get(number="3.3", locale__language_code="en")
    links = soup(client.get(fiche.url)).select(".fiche__partners a")
    by_href = {a["href"]: a for a in links}
    assert not by_href["/en/partners/cress/"].has_attr("lang")
    assert all(a.get("lang") == "fr" for href, a in by_href.items() if href != "/en/partners/cress/")
