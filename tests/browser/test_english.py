"""The English site in Chromium: axe-core finds nothing on the English home page, a fiche,
the agenda (list, month, an event), at 1280 and 375 px; the language switcher is reached
and followed with the keyboard alone, and lands on the same page in the other language."""

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


@pytest.fixture(scope="module")
def english_paths(browser, site_url, manage):
    """An English fiche, as linked from the English fiches index, and an English event, as
    linked from the English agenda (with the example events loaded)."""
    manage("load_predess", "--demo")
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        page.goto("/en/fiches/")
        fiche = page.locator("main .card--fiche .card__title a").first.get_attribute("href")
        page.goto("/en/agenda/")
        event = page.locator("main .event-card__title a").first.get_attribute("href")
    finally:
        context.close()
    assert fiche.startswith("/en/") and event.startswith("/en/")
    return {"fiche": fiche, "event": event}


@pytest.mark.parametrize("name", ["home", "fiche", "agenda", "agenda-month", "event"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_in_english(page, english_paths, name, width):
    fixed = {"home": "/en/", "agenda": "/en/agenda/", "agenda-month": "/en/agenda/mois/"}
    path = fixed.get(name) or english_paths[name]
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto(path).status == 200, path
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_axe_violations(page)


def tab_to(page, link, presses=40):
    """Press Tab until ``link`` has the focus (fails if it never does)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {link.get_attribute('href')}")


def test_the_language_switcher_with_the_keyboard_alone(page):
    page.goto("/fiches/")
    english = page.locator('a[hreflang="en"][lang="en"]').first
    target = english.get_attribute("href")
    tab_to(page, english)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).not_to_have_text("Les fiches du PREDESS")
    # And back to French the same way.
    tab_to(page, page.locator('a[hreflang="fr"][lang="fr"]').first)
    page.keyboard.press("Enter")
    page.wait_for_url("**/fiches/")
    assert page.locator("html").get_attribute("lang") == "fr"
