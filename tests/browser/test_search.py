"""The search page and its suggestions in Chromium: axe-core at desktop and phone widths,
and the suggestions combobox used with the keyboard only."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "query", ["économie", "zzzyyyxxx", "solidiare"], ids=["results", "no-result", "spelling-suggestion"]
)
def test_no_axe_violations_on_search_pages(page, width, query):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(f"/recherche/?q={query}")
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex"
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_on_filtered_results_in_english(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/en/search/?q=economy&type=fiche")
    expect(page.locator(".search-result").first).to_be_visible()
    assert_no_axe_violations(page)


def open_suggestions(page, text="econ"):
    field = page.get_by_role("combobox", name="Rechercher sur le site")
    field.focus()
    page.keyboard.type(text)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    return field, listbox


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_with_the_suggestions_open(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    field, listbox = open_suggestions(page)
    expect(field).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    assert_no_axe_violations(page)


def test_the_combobox_works_with_the_keyboard_only(page):
    page.goto("/")
    field, listbox = open_suggestions(page)
    options = listbox.get_by_role("option")
    count = options.count()
    assert 1 <= count <= 8
    # The number of suggestions is announced.
    expect(page.locator("[aria-live=polite]").filter(has_text="suggestion")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1) if count > 1 else options.first
    expect(second).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    page.keyboard.press("ArrowUp")
    expect(options.first).to_have_attribute("aria-selected", "true")
    # Escape closes the list, keeps the text; a second Escape empties the field.
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_value("econ")
    page.keyboard.press("Escape")
    expect(field).to_have_value("")
    # Enter on a suggestion opens it.
    field, listbox = open_suggestions(page)
    title = listbox.get_by_role("option").first.locator(".combobox__title").inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(title[:20])


def test_enter_without_a_chosen_suggestion_searches(page):
    page.goto("/")
    open_suggestions(page, "économie")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche/\?q=%C3%A9conomie|/recherche/\?q=économie"))
    expect(page.locator(".search-result").first).to_be_visible()


def test_search_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_label("Rechercher sur le site").fill("IAE")
        page.get_by_role("button", name="Rechercher").first.click()
        expect(page.locator(".search-result").first).to_be_visible()
        expect(page.locator(".search-result mark").first).to_have_text(re.compile("IAE", re.I))
    finally:
        context.close()
