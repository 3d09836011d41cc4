"""Fixtures of the partner directory tests: the loaded directory, partners made to order,
and helpers that read the directory page as a visitor sees it."""

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from wagtail.models import Locale

from partners.models import Partner, PartnerDirectoryPage

PARTNERS_YAML = Path(__file__).resolve().parents[2] / "content" / "fr" / "partners.yaml"


@pytest.fixture
def directory(db):
    return PartnerDirectoryPage.objects.get(locale__language_code="fr")


@pytest.fixture
def yaml_partners():
    """The entries of content/fr/partners.yaml, as the loader read them."""
    return yaml.safe_load(PARTNERS_YAML.read_text(encoding="utf-8"))


@pytest.fixture
def make_partner(db):
    """``make_partner(name, offers=[…], departements=[…], fiches=[…], live=True, **fields)``."""
    locale = Locale.objects.get(language_code="fr")

    def make(name, *, offers=(), departements=(), fiches=(), live=True, user=None, **fields):
        partner = Partner(name=name, locale=locale, live=False, **fields)
        partner.set_offers(offers)
        partner.set_departements(departements)
        partner.fiches = list(fiches)
        partner.save()
        revision = partner.save_revision(user=user)
        if live:
            revision.publish(user=user)
            partner.refresh_from_db()
        return partner

    return make


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def option_counts(response, name):
    """{value: count} of the options of the filter ``name`` (the "(N)" after each label)."""
    select = soup(response).find("select", attrs={"name": name})
    counts = {}
    for option in select.find_all("option"):
        if option["value"]:
            counts[option["value"]] = int(re.search(r"\((\d+)\)$", option.get_text(strip=True)).group(1))
    return counts


def selected_option(response, name):
    select = soup(response).find("select", attrs={"name": name})
    chosen = select.find("option", selected=True)
    return chosen["value"] if chosen else ""


def result_names(response):
    """The partner names listed on the page, in order."""
    names = []
    for link in soup(response).select(".card--partner .card__title a"):
        kicker = link.select_one(".card__kicker")
        if kicker:
            kicker.extract()
        names.append(link.get_text(" ", strip=True))
    return names


def result_count(response):
    text = soup(response).select_one(".result-count").get_text(" ", strip=True)
    return int(re.match(r"(\d+)", text.replace("\u202f", "")).group(1))


def map_counts(response):
    """{département: count} read from the map (its links are named by their text)."""
    counts = {}
    for area in soup(response).select(".departement-map__area"):
        code = re.search(r"departement=(\d+)", area["href"]).group(1)
        count = area.select_one(".departement-map__count").get_text(strip=True).replace("\u202f", "")
        counts[code] = int(re.match(r"(\d+) partenaire", count).group(1))
    return counts


def json_ld(response):
    scripts = soup(response).find_all("script", attrs={"type": "application/ld+json"})
    return [json.loads(script.string) for script in scripts]


def result_slugs(response):
    """The slugs of the partners listed on the page, in order."""
    return [
        link["href"].rstrip("/").rsplit("/", 1)[-1] for link in soup(response).select(".card--partner .card__title a")
    ]


ALL_DEPARTEMENTS = {"21", "58", "71", "89"}


def oracle(entries, without=None, **filters):
    """The slugs of partners.yaml matching ``filters`` (kind, offer, departement, fiche),
    computed independently of the site's code."""
    slugs = []
    for entry in entries:
        departements = {str(d) for d in entry.get("departements") or []}
        checks = {
            "kind": lambda value, e=entry: e["kind"] == value,
            "offer": lambda value, e=entry: value in (e.get("offers") or []),
            "departement": lambda value, d=departements: d == ALL_DEPARTEMENTS if value == "region" else value in d,
            "fiche": lambda value, e=entry: value in [str(n) for n in e.get("fiches") or []],
        }
        if all(checks[name](value) for name, value in filters.items() if value and name != without):
            slugs.append(entry["slug"])
    return slugs
