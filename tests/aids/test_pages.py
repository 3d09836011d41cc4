"""A scheme's page with its JSON-LD, the comparison, the export, the fiches' lists, and
what a draft scheme does not show."""

import json

import pytest

from fiches.models import Dispositif, FichePage

from .conftest import json_ld, plan_entries, result_slugs, scheme, soup

pytestmark = pytest.mark.django_db


def facts(page):
    return {div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in page.select(".aid-facts > div")}


# --- A scheme's page ---------------------------------------------------------------------


def test_scheme_page_shows_the_scheme(client):
    response = client.get("/aides/contrat-apport-associatif/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(" ", strip=True) == "Un prêt Contrat d’apport associatif"
    shown = facts(page)
    assert shown["Montant"] == "de 5\u202f000 à 30\u202f000\u202f€"
    assert shown["Montant selon le plan"] == "« prêt sans intérêt de 5 000 à 30 000 euros »"
    assert shown["Territoire"] == "Toute la Bourgogne"
    assert "Association" in shown["Pour qui"]
    assert page.select_one('.aid-facts a[href="/aides/?profil=association"]')
    assert "Bourgogne Active" in page.select_one(".aid__source").text
    assert page.title.text.startswith("Contrat d’apport associatif")
    assert page.select_one('link[rel="canonical"]')["href"] == "http://localhost/aides/contrat-apport-associatif/"
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumb li")]
    assert crumbs == ["Accueil", "Quelle aide pour mon projet ?", "Contrat d’apport associatif"]


def test_scheme_page_json_ld_is_a_government_service(client):
    (data,) = json_ld(client.get("/aides/couveuse-contrat-cape/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Couveuse d’entreprise (Contrat d’Appui au Projet d’Entreprise)"
    assert data["alternateName"] == "CAPE"
    assert data["url"] == "http://localhost/aides/couveuse-contrat-cape/"
    assert data["serviceType"] == "Tester votre activité"
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Saône-et-Loire (71)"}]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Porteur de projet, créateur d'activité"}]
    assert data["description"].startswith("Pendant 6 à 12 mois")
    assert data["provider"] == {
        "@type": "Organization",
        "name": "Potentiel 71",
        "url": "http://localhost/partenaires/potentiel-71/",
    }
    (whole_region,) = json_ld(client.get("/aides/prime-pacq/"))
    assert whole_region["areaServed"] == {"@type": "AdministrativeArea", "name": "Bourgogne"}
    (dla,) = json_ld(client.get("/aides/dla/"))
    assert [provider["url"] for provider in dla["provider"]] == [
        "http://localhost/partenaires/boutique-de-gestion-saone-et-loire/",
        "http://localhost/partenaires/federation-centres-sociaux-nievre/",
        "http://localhost/partenaires/federation-foyers-ruraux-yonne/",
        "http://localhost/partenaires/pole-economie-solidaire-cote-dor/",
    ]
    (no_operator,) = json_ld(client.get("/aides/nacre/"))
    assert "provider" not in no_operator


def test_json_ld_cannot_close_its_script_element(client):
    pacq = scheme("prime-pacq")
    pacq.summary = "Un résumé </script><script>alert(1)</script> & plus"
    pacq.save_revision().publish()
    response = client.get("/aides/prime-pacq/")
    assert b"</script><script>alert(1)" not in response.content
    (data,) = json_ld(response)
    assert data["description"] == "Un résumé </script><script>alert(1)</script> & plus"


def test_english_scheme_page_and_language_links(client):
    response = client.get("/en/aids/garantie-fgif/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert facts(page)["Amount"] == "up to 70%"
    (data,) = json_ld(response)
    assert data["name"] == "FGIF guarantee"
    assert data["serviceType"] == "A guarantee"
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {
        "fr": "http://localhost/aides/garantie-fgif/",
        "en": "http://localhost/en/aids/garantie-fgif/",
        "x-default": "http://localhost/aides/garantie-fgif/",
    }
    french_page = soup(client.get("/aides/garantie-fgif/"))
    assert french_page.select_one('.language-switcher a[hreflang="en"]')["href"] == "/en/aids/garantie-fgif/"


def test_a_scheme_without_translation_switches_to_the_finder(client):
    scheme("garantie-fgif", "en").unpublish()
    page = soup(client.get("/aides/garantie-fgif/"))
    assert page.select_one('.language-switcher a[hreflang="en"]')["href"] == "/en/aids/"
    assert {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')} == {"fr", "x-default"}


@pytest.mark.parametrize(
    "path", ["/aides/inconnu/", "/aides/comparer/x/", "/aides/prime-pacq/plus/", "/en/aids/prime/"]
)
def test_unknown_scheme_paths_are_404(client, path):
    assert client.get(path).status_code == 404


# --- Draft schemes -------------------------------------------------------------------------


def test_a_draft_scheme_is_invisible_everywhere(client):
    draft = scheme("subvention-agefiph")
    draft.unpublish()
    fiche = FichePage.objects.get(number="1.1", locale__language_code="fr")
    assert "subvention-agefiph" not in result_slugs(client.get("/aides/"))
    assert "subvention-agefiph" not in result_slugs(client.get("/aides/", {"profil": "personne-handicap"}))
    assert client.get("/aides/subvention-agefiph/").status_code == 404
    exported = json.loads(client.get("/aides/export.json").content)
    assert "subvention-agefiph" not in {record["identifiant"] for record in exported["dispositifs"]}
    assert exported["nombre"] == 30
    assert "/aides/subvention-agefiph/" not in client.get(fiche.url).content.decode()
    assert (
        "subvention-agefiph"
        not in client.get("/aides/comparer/", {"d": ["subvention-agefiph", "nacre"]}).content.decode()
    )
    # The profile that had only this scheme is no longer offered.
    assert 'value="personne-handicap"' not in client.get("/aides/").content.decode()


def test_a_draft_edit_does_not_change_the_live_scheme(client):
    live = scheme("nacre")
    live.name = "Nouveau nom en brouillon"
    live.save_revision()  # a draft, not published
    assert "Nouveau nom en brouillon" not in client.get("/aides/nacre/").content.decode()
    assert Dispositif.objects.get(pk=live.pk).name == "Dispositif NACRE"


# --- Comparison ------------------------------------------------------------------------------


def test_compare_one_to_three_schemes_side_by_side(client):
    response = client.get("/aides/comparer/", {"d": ["prime-pacq", "nacre", "france-active-garantie"]})
    assert response.status_code == 200
    page = soup(response)
    table = page.select_one("table.compare-table")
    assert table.caption.get_text(strip=True) == "Comparaison de 3 dispositifs"
    columns = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
    assert columns == [
        "Critère",
        "Prime du Programme d’Aide à la Création dans les Quartiers (PACQ)",
        "Dispositif NACRE",
        "France Active Garantie",
    ]
    rows = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in table.tbody.select("tr")
    }
    assert all(tr.th["scope"] == "row" for tr in table.tbody.select("tr"))
    assert rows["Montant"] == [
        "3\u202f000\u202f€",
        "de 1\u202f000 à 10\u202f000\u202f€",
        "jusqu’à 65\u202f% d’un montant de 30\u202f500\u202f€",
    ]
    assert rows["Type d’aide"] == ["Un financement : prime ou subvention", "Un prêt", "Une garantie"]
    region = page.select_one(".table-scroll")
    assert region["role"] == "region" and region["aria-labelledby"] == "compare-caption" and region["tabindex"] == "0"
    one = soup(client.get("/aides/comparer/", {"d": "nacre"}))
    assert len(one.select("thead th[scope=col]")) == 2


def test_compare_ignores_unknown_and_repeated_schemes(client):
    page = soup(client.get("/aides/comparer/", {"d": ["nacre", "inconnu", "nacre", "accre"]}))
    columns = [th.get_text(strip=True) for th in page.select("thead th[scope=col]")][1:]
    assert columns == ["Dispositif NACRE", "Dispositif ACCRE"]
    assert "1 dispositif demandé n’existe pas" in page.select_one(".notice").text


def test_compare_refuses_more_than_three_politely(client):
    wanted = ["prime-pacq", "nacre", "accre", "cigales"]
    response = client.get("/aides/comparer/", {"d": wanted})
    assert response.status_code == 200
    page = soup(response)
    assert not page.select("table")
    notice = page.select_one(".notice").text
    assert "Vous avez choisi 4 dispositifs : on peut en comparer 3 au plus" in notice
    assert page.select_one(".notice a")["href"] == "/aides/comparer/?d=prime-pacq&d=nacre&d=accre"


def test_compare_with_nothing_explains_how(client):
    for params in ({}, {"d": "inconnu"}):
        page = soup(client.get("/aides/comparer/", params))
        assert not page.select("table")
        assert "Choisissez de 1 à 3 dispositifs" in page.select_one(".notice").text


def test_the_finder_offers_the_comparison(client):
    page = soup(client.get("/aides/", {"besoin": "pret"}))
    form = page.select_one("#aid-compare-form")
    assert form["action"] == "/aides/comparer/" and form["method"] == "get"
    boxes = page.select('input[type=checkbox][name=d][form="aid-compare-form"]')
    assert len(boxes) == len(page.select(".card--aid"))
    assert page.select_one(f'label[for="{boxes[0]["id"]}"]')


# --- Export ----------------------------------------------------------------------------------


def test_json_export_lists_the_live_schemes_with_their_numbers(client):
    response = client.get("/aides/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["nombre"] == len(data["dispositifs"]) == 31
    assert data["langue"] == "fr"
    records = {record["identifiant"]: record for record in data["dispositifs"]}
    france_active = records["france-active-garantie"]
    assert france_active["pourcentage"] == 65
    assert france_active["montant_base_pourcentage"] == 30500
    assert france_active["montant_min"] is None
    assert france_active["montant"] == "jusqu’à 65\u202f% d’un montant de 30\u202f500\u202f€"
    assert france_active["page"] == "http://localhost/aides/france-active-garantie/"
    apport = records["contrat-apport-associatif"]
    assert (apport["montant_min"], apport["montant_max"]) == (5000, 30000)
    assert apport["publics"] == ["association", "structure-ess"]
    assert apport["besoins"] == ["pret"]
    assert apport["fiches"][0]["numero"] == "1.3"
    assert apport["toute_la_region"] is True
    cape = records["couveuse-contrat-cape"]
    assert cape["departements"] == ["71"] and cape["toute_la_region"] is False
    assert records["fris"]["statut"] == "en-construction"
    assert records["pret-honneur-aph"]["porteurs"] == [
        {
            "nom": "Associations de Prêt d’Honneur (APH)",
            "url": "http://localhost/partenaires/associations-pret-honneur/",
        }
    ]
    assert records["nacre"]["porteurs"] == []


def test_json_export_in_english(client):
    data = json.loads(client.get("/en/aids/export.json").content)
    assert data["langue"] == "en"
    records = {record["identifiant"]: record for record in data["dispositifs"]}
    assert records["prime-pacq"]["nom"] == "Grant from the Programme d’Aide à la Création dans les Quartiers"
    assert records["prime-pacq"]["montant"] == "€3,000"
    assert records["prime-pacq"]["page"] == "http://localhost/en/aids/prime-pacq/"


def test_the_finder_links_to_the_export(client):
    link = soup(client.get("/aides/")).select_one(".aid-export a")
    assert link["href"] == "/aides/export.json"


# --- Fiches list their schemes -----------------------------------------------------------------


def test_each_fiche_lists_the_schemes_it_describes(client):
    fiche = FichePage.objects.get(number="1.3", locale__language_code="fr")
    page = soup(client.get(fiche.url))
    links = {a["href"]: a.get_text(strip=True) for a in page.select(".fiche__aids a")}
    assert links["/aides/contrat-apport-associatif/"] == "Contrat d’apport associatif"
    assert links["/aides/fris/"] == "Fonds Régional d’Investissement Solidaire (FRIS)"
    assert len(links) == len([entry for entry in plan_entries() if "1.3" in entry["fiches"]])
    items = {li.a["href"]: li for li in page.select(".fiche__aids li")}
    assert "de 5\u202f000 à 30\u202f000\u202f€" in items["/aides/contrat-apport-associatif/"].text
    assert items["/aides/fris/"].select_one(".badge--construction")
    # The four sections stay the fiche's only sections.
    assert len(page.select(".fiche__section > h2")) == 4


def test_english_fiche_lists_english_schemes(client):
    fiche = FichePage.objects.get(number="1.1", locale__language_code="en")
    page = soup(client.get(fiche.url))
    links = {a["href"]: a.get_text(strip=True) for a in page.select(".fiche__aids a")}
    assert links["/en/aids/pret-solidaire-adie/"] == "ADIE solidarity loan"
    assert page.select_one(".fiche__aids h2").get_text(strip=True) == "The aid schemes this fiche describes"


def test_a_fiche_without_scheme_has_no_list(client):
    fiche = FichePage.objects.get(number="2.1", locale__language_code="fr")
    assert not soup(client.get(fiche.url)).select(".fiche__aids")


def test_sitemap_lists_each_scheme_with_its_translation(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/aides/</loc>" in body
    assert "<loc>http://localhost/aides/nacre/</loc>" in body
    assert "<loc>http://localhost/en/aids/nacre/</loc>" in body
    assert 'hreflang="en" href="http://localhost/en/aids/nacre/"' in body
    assert "/aides/comparer/" not in body and "export.json" not in body


def test_the_navigation_marks_the_finder_as_an_ancestor_on_a_scheme(client):
    nav = soup(client.get("/aides/nacre/")).select_one(".main-nav a[href='/aides/']")
    assert "aria-current" not in nav.attrs and "is-active" in nav["class"]
    nav = soup(client.get("/aides/")).select_one(".main-nav a[href='/aides/']")
    assert nav["aria-current"] == "page"


def test_a_scheme_knows_its_address():
    assert scheme("nacre").get_url() == "/aides/nacre/"
    assert scheme("nacre", "en").get_url() == "/en/aids/nacre/"
    assert str(scheme("prime-pacq")) == "Prime du Programme d’Aide à la Création dans les Quartiers (PACQ)"


# --- Partner pages list the schemes they run --------------------------------------------------


def test_a_partner_page_lists_the_schemes_it_runs(client):
    page = soup(client.get("/partenaires/bourgogne-active/"))
    section = page.select_one("#partner-dispositifs").parent
    links = {a["href"]: a.get_text(strip=True) for a in section.select("a")}
    assert links == {
        "/aides/contrat-amorcage-associatif/": "Contrat d’amorçage associatif",
        "/aides/contrat-apport-associatif/": "Contrat d’apport associatif",
        "/aides/france-active-garantie/": "France Active Garantie",
    }
    assert "de 5\u202f000 à 30\u202f000\u202f€" in section.text
    # A draft scheme is not listed; a partner running none has no such section.
    scheme("france-active-garantie").unpublish()
    section = soup(client.get("/partenaires/bourgogne-active/")).select_one("#partner-dispositifs").parent
    assert "/aides/france-active-garantie/" not in str(section)
    assert not soup(client.get("/partenaires/caisse-des-depots/")).select("#partner-dispositifs")


def test_the_scheme_page_links_to_the_partner_who_runs_it(client):
    page = soup(client.get("/aides/pret-solidaire-adie/"))
    runner = [div.dd for div in page.select(".aid-facts > div") if div.dt.get_text(strip=True) == "Qui le porte"][0]
    assert runner.a["href"] == "/partenaires/adie/"
    assert client.get(runner.a["href"]).status_code == 200
