"""Private pages in listings: search results, sitemap.xml, the site map page, the menu."""

import pytest
from bs4 import BeautifulSoup

from .conftest import ROLES

pytestmark = pytest.mark.django_db

SEES_PRIVATE_RESULTS = {"participant", "communication", "superuser"}


def result_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(".search-results a")]


@pytest.mark.parametrize("role", list(ROLES))
def test_search_results_per_role(client_as, role, ardess_index, space, workshops):
    client = client_as(role)
    response = client.get("/recherche/", {"q": "finances solidaires"})
    assert response.status_code == 200
    links = result_links(response)
    assert ardess_index.url in links  # the public page, for everyone
    private = {space.url, *(w.url for w in workshops)}
    if role in SEES_PRIVATE_RESULTS:
        assert workshops[1].url in links
    else:
        assert not private & set(links), links
    assert "Cookie" in response["Vary"]


def test_search_for_the_space_itself_finds_nothing_private_for_anonymous(client, space):
    links = result_links(client.get("/recherche/", {"q": "espace participants"}))
    assert space.url not in links


@pytest.mark.parametrize("role", list(ROLES))
def test_sitemap_xml_never_lists_private_pages(client_as, role, ardess_index, space, workshops):
    body = client_as(role).get("/sitemap.xml").content.decode()
    assert ardess_index.url in body
    assert "espace-participants" not in body
    for workshop in workshops:
        assert workshop.slug not in body


def test_private_pages_have_no_sitemap_entries_even_if_listed(space, workshops):
    assert space.get_sitemap_urls() == []
    assert all(w.get_sitemap_urls() == [] for w in workshops)


@pytest.mark.parametrize("role", ["anonymous", "participant"])
def test_site_map_page_and_menu(client_as, role, ardess_index, space):
    response = client_as(role).get("/plan-du-site/")
    soup = BeautifulSoup(response.content, "html.parser")
    hrefs = {a["href"] for a in soup.select("main a")}
    assert ardess_index.url in hrefs
    assert space.url not in hrefs  # the cached, shared listing shows public pages only
    menu = soup.select_one("nav.main-nav")
    assert menu.find("a", string="Les ARDESS")["href"] == ardess_index.url
