"""Journeys through the real site: links, skip link, 404 page, small-screen navigation."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FICHE_SECTIONS = ["Qu’est-ce que c’est ?", "Pour quoi faire ?", "Pour qui ?", "Comment ?"]


def test_home_to_axis_to_fiche_by_links(page):
    page.goto("/")
    axes = page.locator("section", has=page.get_by_role("heading", name="Les quatre axes du plan", level=2))
    axis_link = axes.get_by_role("link").first
    axis_name = axis_link.locator(".card__kicker").text_content().strip()
    axis_link.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text(axis_name)
    axis_url = page.url
    assert re.search(r"/fiches/[^/]+/$", axis_url), axis_url

    fiche_link = page.locator("main .card--fiche .card__title a").first
    fiche_kicker = fiche_link.locator(".card__kicker").text_content().strip()
    fiche_link.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text(fiche_kicker)
    assert page.url.startswith(axis_url) and page.url != axis_url, page.url  # a child of the axis

    headings = [text.strip() for text in page.locator("main h2").all_inner_texts()]
    sections = [h for h in headings if h in FICHE_SECTIONS]
    assert sections == FICHE_SECTIONS, headings
    # The four sections come first, before the footer's own headings.
    assert headings[:4] == FICHE_SECTIONS, headings


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"tag": "A", "text": "Aller au contenu", "href": "#contenu"}
    skip_link = page.get_by_role("link", name="Aller au contenu")
    expect(skip_link).to_be_visible()  # shown while focused
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'contenu'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    assert page.url.endswith("#contenu")


def test_404_page(page):
    response = page.goto("/page-qui-nexiste-pas/")
    assert response.status == 404
    expect(page).to_have_title(re.compile(r"^Page introuvable – PREDESS Bourgogne$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    # The styled page: the site's layout and stylesheet, not Django's bare page.
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    expect(page.locator("footer.site-footer")).to_be_visible()
    assert page.locator("link[rel=stylesheet][href*='css/site.css']").count() == 1
    assert page.evaluate("() => getComputedStyle(document.body).marginTop") == "0px"
    expect(page.get_by_role("link", name="revenir à la page d’accueil")).to_have_attribute("href", "/")


def test_main_nav_toggle_on_small_screen(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    nav = page.get_by_role("navigation", name="Navigation principale")
    toggle = nav.get_by_role("button", name="Menu")
    links = nav.locator("a")  # get_by_role() would skip the hidden ones
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert links.count() >= 4
    for link in links.all():
        expect(link).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for link in links.all():
        expect(link).to_be_visible()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(links.first).to_be_hidden()


def test_main_nav_without_toggle_on_large_screen(page):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Navigation principale")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    expect(nav.get_by_role("link").first).to_be_visible()


def test_default_site_answers_on_127_0_0_1(page, site_url, manage):
    """The default Wagtail Site (hostname localhost) serves requests for 127.0.0.1 too."""
    assert site_url.startswith("http://127.0.0.1:")
    # ``manage`` works on the server's own database.
    sites = manage(
        "shell",
        "-c",
        "from wagtail.models import Site; print([(s.hostname, s.port, s.is_default_site) for s in Site.objects.all()])",
    )
    assert sites.stdout.strip().splitlines()[-1] == "[('localhost', 80, True)]"
    response = page.goto("/")
    assert response.status == 200
    expect(page.get_by_role("heading", name="Les quatre axes du plan", level=2)).to_be_visible()
