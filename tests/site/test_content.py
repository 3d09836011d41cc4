"""The loaded plan is complete: home figures, general pages, 4 axes, 12 fiches."""

import re

import pytest
from bs4 import BeautifulSoup

from fiches.models import AxisPage, FicheIndexPage, FichePage
from home.models import LegalPage, SitemapPage, StandardPage

pytestmark = pytest.mark.django_db

FICHE_TITLES = {
    "1.1": "Donner à chacun la possibilité d’entreprendre",
    "1.2": "Aider les publics les plus en difficulté à intégrer l’emploi",
    "1.3": "Créer ou reprendre des entreprises et activités",
    "2.1": "Les Ateliers Régionaux pour le Développement",
    "2.2": "Le maillage d’un grand réseau de partenaires",
    "3.1": "Un soutien aux relais locaux",
    "3.2": "Un soutien à l’expérimentation et aux projets",
    "3.3": "Un soutien à la formation et la",
    "4.1": "Des outils de connaissance, de mesure et",
    "4.2": "Le concours bourguignon de l’économie sociale",
    "4.3": "L’organisation d’un évènement phare",
    "4.4": "Un soutien aux publications et évènements",
}
SECTION_HEADINGS = ["Qu’est-ce que c’est ?", "Pour quoi faire ?", "Pour qui ?", "Comment ?"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(node):
    return " ".join(node.get_text(" ").split())


def test_four_axes_with_the_plans_titles():
    axes = list(AxisPage.objects.live().filter(locale__language_code="fr").order_by("number"))
    assert [axis.number for axis in axes] == [1, 2, 3, 4]
    assert axes[0].title == "Dynamiser et soutenir l’entrepreneuriat"
    assert "structuration" in axes[1].title
    assert "pérennisation" in axes[2].title
    assert axes[3].title.startswith("Faire connaître l’ESS")
    for axis in axes:
        assert axis.intro.strip(), f"axis {axis.number} has no introduction"


def test_twelve_fiches_numbered_under_their_axis():
    fiches = FichePage.objects.live().filter(locale__language_code="fr")
    numbers = sorted(fiches.values_list("number", flat=True))
    assert numbers == sorted(FICHE_TITLES)
    for fiche in fiches:
        assert fiche.title.startswith(FICHE_TITLES[fiche.number]), (fiche.number, fiche.title)
        axis = fiche.get_parent().specific
        assert isinstance(axis, AxisPage)
        assert fiche.number.startswith(f"{axis.number}.")


@pytest.mark.parametrize("number", sorted(FICHE_TITLES))
def test_fiche_page_shows_four_sections_in_order_with_full_text(client, number):
    fiche = FichePage.objects.get(number=number, locale__language_code="fr")
    response = client.get(fiche.url)
    assert response.status_code == 200
    page = soup(response)
    main = page.find("main")
    headings = [text_of(h2) for h2 in main.select(".fiche__section > h2")]
    assert headings == SECTION_HEADINGS
    for section in main.select(".fiche__section"):
        body = text_of(section.select_one(".rich-text"))
        assert len(body) > 40, f"fiche {number}: section « {text_of(section.h2)} » is nearly empty"
    assert text_of(main.find("h1")).endswith(fiche.title)


def test_fiche_text_is_the_plans_full_text(client):
    """Sentences from deep inside the plan's sections are on the pages, not summaries."""
    expectations = {
        "1.1": [
            "le taux moyen de survie des structures accompagnées est de 20 à 30 %",
            "une prime de 3 000 € peut être accordée aux entrepreneurs habitant les Zones",
            "prêts d’honneur sans garantie jusqu’à 23 000 €",
        ],
        "4.2": ["la fiche signalétique"],
    }
    for number, sentences in expectations.items():
        fiche = FichePage.objects.get(number=number, locale__language_code="fr")
        content = text_of(soup(client.get(fiche.url)).find("main"))
        for sentence in sentences:
            assert sentence in content, f"fiche {number} lacks: {sentence}"


def test_home_page_shows_key_figures_and_axes(client, home):
    response = client.get("/")
    assert response.status_code == 200
    main = soup(response).find("main")
    figures_html = str(main.select_one(".key-figures"))
    for expected in ["5\u202f551", "57\u202f560", "12,3", "1,12", "17"]:
        assert expected in figures_html, expected
    figures = text_of(main.select_one(".key-figures"))
    assert "Recherche et solidarité, 2007" in figures
    # Charts come with a data table giving the same numbers.
    tables = [text_of(t) for t in main.select("table.chart__table")]
    assert any("Associations" in t and "80,1" in t and "Fondations" in t and "0,2" in t for t in tables)
    assert any("Bourgogne" in t and "France" in t and "16,6" in t and "4,5" in t for t in tables)
    # The four axes, linked.
    axis_links = main.select(".home-axes a")
    assert len(axis_links) == 4
    assert {a["href"] for a in axis_links} == {axis.url for axis in AxisPage.objects.live().filter(locale=home.locale)}


def test_general_and_legal_pages_exist(client):
    l_ess = StandardPage.objects.get(slug="l-ess")
    assert l_ess.title == "L’ESS, qu’est-ce que c’est ?"
    predess = StandardPage.objects.get(slug="le-predess")
    assert predess.title == "Le PREDESS"
    assert "23 mars 2009" in text_of(soup(client.get(predess.url)))
    slugs = set(LegalPage.objects.live().values_list("slug", flat=True))
    assert {"accessibilite", "mentions-legales", "donnees-personnelles"} <= slugs
    accessibility = text_of(soup(client.get("/accessibilite/")).find("main"))
    assert re.search(r"non conforme", accessibility, re.I)
    assert SitemapPage.objects.live().exists()


def test_fiches_index_lists_every_fiche_and_filters_by_audience(client):
    index = FicheIndexPage.objects.get(locale__language_code="fr")
    main = soup(client.get(index.url)).find("main")
    assert len(main.select(".card--fiche")) == 12
    filtered = soup(client.get(index.url, {"pour-qui": "structure-iae"})).find("main")
    cards = filtered.select(".card--fiche")
    expected = FichePage.objects.live().filter(audiences__slug="structure-iae", locale=index.locale).distinct().count()
    assert 0 < len(cards) == expected < 12
    # An unknown audience shows every fiche, never an error.
    assert len(soup(client.get(index.url, {"pour-qui": "<script>"})).select(".card--fiche")) == 12
