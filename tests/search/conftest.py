"""Helpers of the site search tests: the page of results as a visitor reads it."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from home.models import StandardPage
from search import facets, vocabulary

SQLITE = connection.vendor == "sqlite"
NO_STEMMING_ON_SQLITE = pytest.mark.xfail(
    condition=SQLITE,
    strict=True,
    reason="known limit: SQLite FTS5 folds accents and case but does not stem French words "
    "(PostgreSQL's french_unaccent configuration and Elasticsearch's French analyzer do)",
)


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """The suggestions' vocabulary and the facet codes live in the process; each test's
    data is rolled back."""
    vocabulary.clear()
    facets.clear()
    yield
    vocabulary.clear()
    facets.clear()


@pytest.fixture(autouse=True)
def _french_afterwards():
    """A request to /en/ leaves English active in the thread: later tests expect French."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


class ResultsPage:
    def __init__(self, response):
        self.response = response
        self.soup = BeautifulSoup(response.content, "html.parser")

    @property
    def results(self):
        """[(kind, title, url, excerpt HTML)] of the ordinary results, in order."""
        found = []
        for item in self.soup.select("ol.search-results:not(.search-results--promoted) > li"):
            link = item.select_one(".search-result__title a")
            excerpt = item.select_one(".search-result__excerpt")
            found.append(
                (
                    item.select_one(".search-result__kind").get_text(strip=True),
                    link.get_text(" ", strip=True),
                    link["href"],
                    excerpt.decode_contents() if excerpt else "",
                )
            )
        return found

    @property
    def urls(self):
        return [url for _, _, url, _ in self.results]

    @property
    def all_urls(self):
        return [a["href"] for a in self.soup.select("ol.search-results .search-result__title a")]

    @property
    def status(self):
        status = self.soup.select_one("[role=status]")
        return status.get_text(" ", strip=True) if status else ""

    def facet(self, name):
        """{label: count} of a facet ("kind", "departement", "axis")."""
        heading = self.soup.select_one(f"#facet-{name}")
        if heading is None:
            return {}
        counts = {}
        for link in heading.find_next_sibling("ul").select("a"):
            count = link.select_one(".search-facets__count")
            if count is None:
                continue
            label = link.get_text(" ", strip=True).replace(count.get_text(strip=True), "").split(" – ")[0].strip()
            counts[label] = int(count.get_text(strip=True).strip("()"))
        return counts

    def facet_link(self, name, label):
        heading = self.soup.select_one(f"#facet-{name}")
        for link in heading.find_next_sibling("ul").select("a"):
            if link.get_text(" ", strip=True).startswith(label):
                return link["href"]
        raise AssertionError(f"no facet link {label!r} in {name}")


@pytest.fixture
def search(client):
    """``search("économie", type="fiche")``: the results page, parsed."""

    def run(query, path="/recherche/", **params):
        response = client.get(path, {"q": query, **params})
        assert response.status_code == 200, response.status_code
        return ResultsPage(response)

    return run


@pytest.fixture
def make_page(home):
    """A live standard page under the French home page with ``text`` in its body."""

    def make(title, text, *, parent=None, live=True, slug=None):
        page = StandardPage(
            title=title,
            slug=slug or title.lower().replace(" ", "-")[:50],
            summary="",
            body=[("paragraph", f"<p>{text}</p>")],
            live=live,
        )
        (parent or home).add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            page.save_revision()
        return page

    return make


@pytest.fixture
def private_page(make_page):
    """A live page in a section restricted to logged-in users."""
    page = make_page("Coin réservé", "Le mot xylophonique n’est lu que par les membres.", slug="coin-reserve")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")
