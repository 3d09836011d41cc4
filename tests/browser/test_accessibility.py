"""axe-core on every kind of page, at desktop and phone widths, plus visible keyboard focus."""

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]
# Page name -> path; "axis" and "fiche" are read from the fiches index (see ``plan_paths``).
PAGES = {
    "home": "/",
    "axis": None,
    "fiche": None,
    "standard": "/l-ess/",
    "404": "/page-qui-nexiste-pas/",
    "sitemap": "/plan-du-site/",
    "legal": "/accessibilite/",
    "fiches-index": "/fiches/",
    "fiches-filtered": "/fiches/?pour-qui=association",
}


@pytest.fixture(scope="session")
def plan_paths(browser, site_url):
    """The first axis and fiche 1.1, as linked from the fiches index."""
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        page.goto("/fiches/")
        axis = page.locator("main .axis-group h2 a").first.get_attribute("href")
        fiche = (
            page.locator("main .card--fiche .card__title a")
            .filter(has=page.locator(".card__kicker", has_text="Fiche 1.1"))
            .first.get_attribute("href")
        )
    finally:
        context.close()
    assert axis and fiche
    return {"axis": axis, "fiche": fiche}


def test_axe_helper_reports_violations(page):
    """The check itself: a page with known faults fails, with the rule and the element."""
    page.set_content('<html><body><img src="data:,"><a href="#"></a></body></html>')
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_axe_violations(page)
    message = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "link-name", "region", "landmark-one-main"):
        assert rule in message, message
    assert '<img src="data:,">' in message


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations(page, plan_paths, name, width):
    path = PAGES[name] or plan_paths[name]
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path)
    assert response.status == (404 if name == "404" else 200), path
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_with_open_menu(page, width):
    """The small-screen menu, once opened, is checked too (at 1280 px there is no toggle)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    toggle = page.get_by_role("button", name="Menu")
    if width < 768:
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    assert_no_axe_violations(page)


def test_focus_is_visible_on_main_nav(page):
    page.goto("/")
    first_link = page.get_by_role("navigation", name="Navigation principale").get_by_role("link").first
    for _ in range(30):
        page.keyboard.press("Tab")
        if first_link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first link of the main navigation")
    style = first_link.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return {style: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"
    )
    assert style["style"] != "none", style
    assert style["width"] != "0px", style
