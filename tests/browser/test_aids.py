"""The aid finder in Chromium: axe-core on the finder (with and without results, with an
error), a scheme's page and the comparison, at desktop and phone widths; the finder
without JavaScript and with its in-place update."""

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]
PAGES = {
    "finder": "/aides/",
    "finder-with-results": "/aides/?profil=association&besoin=pret",
    "finder-no-result": "/aides/?profil=tete-de-reseau&besoin=pret",
    "finder-error": "/aides/?besoin=pret&montant=-20",
    "scheme": "/aides/france-active-garantie/",
    "scheme-under-construction": "/aides/fris/",
    "compare": "/aides/comparer/?d=prime-pacq&d=nacre&d=france-active-garantie",
    "compare-too-many": "/aides/comparer/?d=prime-pacq&d=nacre&d=accre&d=cigales",
    "finder-en": "/en/aids/?besoin=garantie",
    "scheme-en": "/en/aids/prime-pacq/",
}


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_on_aid_pages(page, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(PAGES[name])
    assert response.status == 200
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)


def test_finder_results_and_empty_state_are_what_axe_checked(page):
    page.goto(PAGES["finder-with-results"])
    expect(page.locator(".card--aid")).to_have_count(2)
    page.goto(PAGES["finder-no-result"])
    expect(page.locator(".card--aid")).to_have_count(0)
    expect(page.locator("#aid-results-count")).to_contain_text("Aucun dispositif")


def test_finder_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    try:
        page = context.new_page()
        page.goto("/aides/")
        page.get_by_label("Vous êtes…").select_option("habitant-zus")
        page.get_by_label("Montant recherché (facultatif)").fill("3 000")
        page.get_by_role("button", name="Voir les aides").click()
        page.wait_for_url("**/aides/?**")
        assert "profil=habitant-zus" in page.url
        expect(page.locator(".card--aid .card__title")).to_have_text(
            ["Prime du Programme d’Aide à la Création dans les Quartiers (PACQ)"]
        )
        # Compare two schemes from the results.
        page.goto("/aides/?besoin=pret&profil=association")
        page.locator(".card__compare label").nth(0).click()
        page.locator(".card__compare label").nth(1).click()
        page.get_by_role("button", name="Comparer la sélection").click()
        page.wait_for_url("**/aides/comparer/?**")
        expect(page.locator("table.compare-table thead th[scope=col]")).to_have_count(3)
    finally:
        context.close()


def test_results_update_in_place_and_are_announced(page):
    page.goto("/aides/")
    expect(page.locator(".card--aid")).to_have_count(31)
    count = page.locator("#aid-results-count")
    expect(count).to_have_attribute("role", "status")
    page.evaluate("window.samePage = true")
    page.get_by_label("Vous êtes…").select_option("femme-creatrice")
    expect(count).to_contain_text("1 dispositif correspond à votre recherche.")
    expect(page.locator(".card--aid .card__title")).to_have_text(["Garantie FGIF"])
    assert page.url.endswith("/aides/?profil=femme-creatrice")
    # The same page, not a new one: no reload took the person elsewhere.
    assert page.evaluate("window.samePage") is True
    page.get_by_label("Votre département").select_option("71")
    expect(count).to_contain_text("(Femme créatrice d'entreprise, Saône-et-Loire (71))")
