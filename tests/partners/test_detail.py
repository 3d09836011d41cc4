"""A partner's page (/partenaires/<slug>/), its JSON-LD, and the links between fiches and
partners in both directions."""

import pytest

from fiches.models import FichePage
from partners.models import Partner

from .conftest import json_ld, result_count, soup

pytestmark = pytest.mark.django_db


def test_a_partner_page_shows_what_the_plan_says(client):
    response = client.get("/partenaires/cress/")
    assert response.status_code == 200
    page = soup(response)
    assert "Chambre Régionale de l’Économie Sociale et Solidaire" in page.h1.get_text()
    assert "(CRESS)" in page.h1.get_text()
    assert "Réseau / tête de réseau" in page.h1.get_text()
    text = page.main.get_text(" ", strip=True)
    assert "Tête de réseau ayant signé une convention pluriannuelle avec la Région" in text
    assert "Toute la région" in text
    offers = [a.get_text(strip=True) for a in page.select("#partner-offers + ul a")]
    assert offers == ["Formation", "Mise en réseau"]
    assert page.select_one("#partner-offers + ul a")["href"] == "/partenaires/?offer=formation"
    # No address or phone is invented: the plan gives none.
    assert "ne donne pas les coordonnées" in text
    assert not page.select("a[href^='tel:'], a[href^='mailto:'], address")
    breadcrumb = [li.get_text(strip=True) for li in page.select(".breadcrumb li")]
    assert breadcrumb[-2:] == ["Partenaires", "Chambre Régionale de l’Économie Sociale et Solidaire (CRESS)"]
    assert page.find("link", rel="canonical")["href"].endswith("/partenaires/cress/")
    assert page.title.get_text().startswith("Chambre Régionale")


def test_contact_details_are_shown_when_known(client, make_partner):
    make_partner(
        "Maison de l’ESS",
        slug="maison-ess",
        street_address="2 rue de l’Exemple",
        postcode="21000",
        commune="Dijon",
        website="https://ess.example.org/",
        email="contact@ess.example.org",
        phone="03 80 00 00 00",
        departements=["21"],
    )
    page = soup(client.get("/partenaires/maison-ess/"))
    assert page.select_one("address").get_text(" ", strip=True) == "2 rue de l’Exemple 21000 Dijon"
    assert page.select_one("a[href='mailto:contact@ess.example.org']")
    assert page.select_one("a[href='tel:0380000000']")
    assert page.select_one("a[href='https://ess.example.org/']")
    assert "Côte-d’Or (21)" in page.select_one("#partner-territory + p").get_text()


def test_json_ld_describes_the_organisation(client):
    response = client.get("/partenaires/urscop/")
    (data,) = json_ld(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Union Régionale des SCOP"
    assert data["alternateName"] == "URSCOP"
    assert data["url"] == "http://localhost/partenaires/urscop/"
    assert data["description"].startswith("Par convention avec la Région")
    assert [area["identifier"] for area in data["areaServed"]] == ["21", "58", "71", "89"]
    assert "address" not in data and "telephone" not in data


def test_json_ld_cannot_be_broken_out_of(client, make_partner):
    name = "Évil </script><script>alert('x')</script> & <!-- co"
    make_partner(name, slug="evil", description="<p>Fin </script> du script</p>", website="https://e.example/?a=1&b=2")
    response = client.get("/partenaires/evil/")
    html = response.content.decode()
    assert "</script><script>alert" not in html
    (data,) = json_ld(response)
    assert data["name"] == name
    assert data["description"] == "Fin du script"
    assert data["sameAs"] == ["https://e.example/?a=1&b=2"]


def test_each_fiche_lists_the_partners_citing_it(client, yaml_partners):
    for number in ("1.1", "2.2", "3.3"):
        fiche = FichePage.objects.get(number=number, locale__language_code="fr")
        page = soup(client.get(fiche.url))
        links = page.select(".fiche__partners a")
        expected = {entry["slug"] for entry in yaml_partners if number in entry.get("fiches", [])}
        assert {link["href"].rstrip("/").rsplit("/", 1)[-1] for link in links} == expected
        for link in links[:3]:
            assert client.get(link["href"]).status_code == 200


def test_a_fiche_cited_by_many_partners_names_the_first_and_links_to_the_directory(client, make_partner):
    fiche = FichePage.objects.get(number="4.2", locale__language_code="fr")
    for index in range(FichePage.PARTNERS_SHOWN + 6):
        make_partner(f"Coopérative d’essai {index:02d}", fiches=[fiche])
    page = soup(client.get(fiche.url))
    links = page.select(".fiche__partners a")
    assert [link.get_text() for link in links] == [
        f"Coopérative d’essai {index:02d}" for index in range(FichePage.PARTNERS_SHOWN)
    ]
    (more,) = [a for a in page.select("a") if "dans l’annuaire" in a.get_text()]
    assert f"Les {FichePage.PARTNERS_SHOWN + 6} partenaires" in more.get_text()
    assert more["href"] == "/partenaires/?fiche=4.2"
    assert result_count(client.get(more["href"])) == FichePage.PARTNERS_SHOWN + 6


def test_a_fiche_cited_by_no_partner_has_no_partner_list(client):
    fiche = FichePage.objects.get(number="4.2", locale__language_code="fr")
    assert not soup(client.get(fiche.url)).select(".fiche__partners")


def test_each_partner_links_to_the_fiches_citing_it(client, yaml_partners):
    for entry in yaml_partners:
        page = soup(client.get(f"/partenaires/{entry['slug']}/"))
        links = page.select("#partner-fiches + ul a")
        assert [link.get_text(strip=True).split(" :")[0] for link in links] == [
            f"Fiche {number}" for number in sorted(entry.get("fiches", []))
        ], entry["slug"]
        for link in links:
            number = link.get_text().split(" ")[1]
            assert link["href"] == FichePage.objects.get(number=number, locale__language_code="fr").url


# --- Drafts are not public ---------------------------------------------------------------


def test_draft_partners_are_hidden_everywhere(client, make_partner):
    fiche = FichePage.objects.get(number="1.1", locale__language_code="fr")
    make_partner("Économie en brouillon", slug="brouillon", live=False, departements=["21"], fiches=[fiche])
    assert client.get("/partenaires/brouillon/").status_code == 404
    directory = client.get("/partenaires/?q=brouillon").content.decode()
    assert "en brouillon" not in directory
    assert "en brouillon" not in client.get("/partenaires/").content.decode()
    assert "brouillon" not in client.get(fiche.url).content.decode()
    assert "brouillon" not in client.get("/partenaires/export.csv").content.decode()
    assert "brouillon" not in client.get("/partenaires/export.json").content.decode()
    assert "brouillon" not in client.get("/partenaires/flux/").content.decode()


def test_unpublished_changes_stay_private_until_published(client, make_partner):
    partner = make_partner("Nom publié", slug="en-cours")
    partner.name = "Nom pas encore publié"
    revision = partner.save_revision()
    assert "Nom publié" in client.get("/partenaires/en-cours/").content.decode()
    assert "pas encore publié" not in client.get("/partenaires/").content.decode()
    revision.publish()
    assert "Nom pas encore publié" in client.get("/partenaires/en-cours/").content.decode()


def test_an_unpublished_partner_disappears(client):
    partner = Partner.objects.get(slug="cigales")
    partner.unpublish()
    assert client.get("/partenaires/cigales/").status_code == 404
    assert "CIGALES" not in client.get("/partenaires/?offer=financement").content.decode()
