"""Helpers of the aid-scheme tests: the finder in each language, parsed pages, schemes."""

import json

import pytest
import yaml
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from fiches.models import AidFinderPage, Dispositif

CONTENT = settings.BASE_DIR / "content"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def plan_entries(language="fr"):
    """The schemes of the content file, as the loader read them."""
    with (CONTENT / language / "dispositifs.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def result_slugs(response):
    """The schemes listed by a finder response, by slug (from their links)."""
    links = soup(response).select(".card--aid .card__title a")
    return [link["href"].rstrip("/").rsplit("/", 1)[-1] for link in links]


def json_ld(response):
    scripts = soup(response).select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def scheme(slug, language="fr"):
    return Dispositif.objects.get(slug=slug, locale__language_code=language)


@pytest.fixture
def finder(db):
    return AidFinderPage.objects.get(locale__language_code="fr")


@pytest.fixture
def english_finder(db):
    return AidFinderPage.objects.get(locale__language_code="en")


@pytest.fixture(autouse=True)
def french_after_each_test():
    """A request to /en/ leaves English active in this thread: give the next test French."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
