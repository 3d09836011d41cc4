"""The partner directory in Chromium: axe-core finds nothing on the directory (filters
open, then a filter applied from the form and from the map) and on a partner's page, at
1280 and 375 px; the filters work without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


def open_filters(page):
    summary = page.locator("details.directory-filters > summary")
    summary.click()
    expect(page.locator("details.directory-filters")).to_have_attribute("open", "")


@pytest.mark.parametrize("width", WIDTHS)
def test_directory_with_filters_open(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto("/partenaires/").status == 200
    open_filters(page)
    expect(page.get_by_label("Type de structure")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_directory_with_a_filter_applied(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/partenaires/")
    open_filters(page)
    page.get_by_label("Ce que propose la structure").select_option("financement")
    page.get_by_role("button", name="Afficher les partenaires").click()
    page.wait_for_load_state("load")
    assert "offer=financement" in page.url
    expect(page.locator("details.directory-filters")).to_have_attribute("open", "")
    expect(page.locator(".active-filters")).to_contain_text("Financement")
    assert_no_axe_violations(page)
    # The map filters by département, keeping the offer.
    # Its links are named by what they show: the département and its number of partners.
    page.get_by_role("link", name=re.compile(r"^Nièvre \d+\s?partenaires?$")).click()
    page.wait_for_load_state("load")
    assert "departement=58" in page.url and "offer=financement" in page.url
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_directory_search(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/partenaires/")
    page.get_by_label("Mots-clés").fill("economie")
    page.get_by_role("button", name="Afficher les partenaires").click()
    page.wait_for_load_state("load")
    expect(page.locator(".partner-list")).to_contain_text("Chambre Régionale de l’Économie Sociale et Solidaire")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_partner_page(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto("/partenaires/cress/").status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chambre Régionale")
    assert_no_axe_violations(page)


def test_filters_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    try:
        page = context.new_page()
        page.goto("/partenaires/")
        page.locator("details.directory-filters > summary").click()
        page.get_by_label("Département", exact=True).select_option("region")
        page.get_by_role("button", name="Afficher les partenaires").click()
        page.wait_for_load_state("load")
        assert "departement=region" in page.url
        expect(page.locator(".result-count")).to_contain_text("partenaires")
    finally:
        context.close()
