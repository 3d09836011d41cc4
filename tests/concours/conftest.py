"""Fixtures of the concours tests: an edition open today, private files in a temporary
folder, a clean rate-limit counter, and valid application data."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from concours.applications import rate_limit_key
from concours.models import ConcoursEditionPage

from .files import odt, pdf

VALID_SIRET = "12345678900015"  # Luhn key correct, fictitious
ADDRESSES = ("127.0.0.1", "203.0.113.7", "198.51.100.2")  # the client addresses the tests use


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    folder = tmp_path / "private-media"
    settings.PRIVATE_MEDIA_ROOT = folder
    return folder


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    for address in ADDRESSES:
        cache.delete(rate_limit_key(address))
    yield
    for address in ADDRESSES:
        cache.delete(rate_limit_key(address))


@pytest.fixture
def edition(db):
    """The loaded 2026 edition, its applications open today (Paris)."""
    page = ConcoursEditionPage.objects.get(year=2026, locale__language_code="fr")
    today = timezone.localdate()
    page.applications_open = today - timedelta(days=30)
    page.applications_close = today + timedelta(days=30)
    page.jury_date = today + timedelta(days=60)
    page.ceremony_date = today + timedelta(days=90)
    page.save()
    return page


def application_data(**overrides):
    data = {
        "structure_name": "Les Jardins partagés de la Saône",
        "legal_form": "association",
        "siret": "123 456 789 00015",
        "address": "12 rue des Tilleuls",
        "postcode": "71100",
        "commune": "Chalon-sur-Saône",
        "departement": "71",
        "contact_first_name": "Camille",
        "contact_last_name": "Durand",
        "email": "camille.durand@example.org",
        "phone": "06 12 34 56 78",
        "category": "realisation",
        "project_title": "Un jardin d’insertion en centre-ville",
        "summary": "Un jardin cultivé par des personnes en parcours d’insertion.",
        "objective": "Créer quatre emplois d’insertion en deux ans.",
        "total_budget": "25 000",
        "amount_requested": "5 000,50",
        "own_funds": "8000",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def application_files(**overrides):
    files = {"fiche_signaletique": pdf("fiche-signaletique.pdf"), "dossier_presentation": odt("presentation.odt")}
    files.update(overrides)
    return {name: value for name, value in files.items() if value is not None}


@pytest.fixture
def apply_url(edition):
    return edition.url + "deposer/"


@pytest.fixture
def submit(client, apply_url):
    """POST an application (valid unless told otherwise) like a browser would."""

    def post(data=None, files=None, **extra):
        payload = {
            **(data if data is not None else application_data()),
            **(files if files is not None else application_files()),
        }
        return client.post(apply_url, payload, **extra)

    return post
