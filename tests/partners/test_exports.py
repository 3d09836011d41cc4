"""Open data: export.csv and export.json of the current filtered list, and the Atom feed."""

import csv
import io
import json
from xml.etree import ElementTree

import pytest

from partners.views import EXPORT_FIELDS

from .conftest import oracle

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="partenaires.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")  # UTF-8, or this raises
    return list(csv.DictReader(io.StringIO(text)))


def read_json(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content.decode("utf-8"))


def test_csv_export_of_the_whole_directory(client, yaml_partners):
    rows = read_csv(client.get("/partenaires/export.csv"))
    assert len(rows) == len(yaml_partners)
    assert list(rows[0]) == EXPORT_FIELDS
    cress = next(row for row in rows if row["identifiant"] == "cress")
    assert cress["nom"] == "Chambre Régionale de l’Économie Sociale et Solidaire"
    assert cress["sigle"] == "CRESS"
    assert cress["type"] == "reseau"
    assert cress["type_libelle"] == "Réseau / tête de réseau"
    assert cress["offres"] == "formation ; reseau"
    assert cress["departements"] == "21 ; 58 ; 71 ; 89"
    assert cress["toute_la_region"] == "oui"
    assert cress["fiches"] == "2.2 ; 3.3"
    assert cress["page"] == "http://localhost/partenaires/cress/"
    assert cress["presentation"].startswith("Tête de réseau")
    assert cress["adresse"] == cress["telephone"] == cress["courriel"] == ""


def test_csv_export_follows_the_filters(client, yaml_partners):
    rows = read_csv(client.get("/partenaires/export.csv?departement=58&offer=accompagnement-structures"))
    assert sorted(row["identifiant"] for row in rows) == sorted(
        oracle(yaml_partners, departement="58", offer="accompagnement-structures")
    )
    assert rows  # the example selects something
    # Bad values are ignored, as on the page.
    assert len(read_csv(client.get("/partenaires/export.csv?kind=<x>&page=abc"))) == len(yaml_partners)


def test_json_export(client, yaml_partners):
    data = read_json(client.get("/partenaires/export.json?kind=association&q=prets"))
    assert data["filtres"] == {"q": "prets", "kind": "association"}
    assert data["nombre"] == len(data["partenaires"])
    everything = read_json(client.get("/partenaires/export.json"))
    assert everything["nombre"] == len(yaml_partners)
    assert everything["source"] == "http://localhost/partenaires/"
    urscop = next(p for p in everything["partenaires"] if p["identifiant"] == "urscop")
    assert urscop["offres"] == ["accompagnement-creation", "reseau"]
    assert urscop["departements"] == ["21", "58", "71", "89"]
    assert urscop["toute_la_region"] is True
    assert urscop["latitude"] is None
    assert urscop["fiches"] == ["1.3", "2.2"]
    assert set(urscop) == set(EXPORT_FIELDS)
    association = read_json(client.get("/partenaires/export.json?kind=association"))
    assert sorted(p["identifiant"] for p in association["partenaires"]) == sorted(
        oracle(yaml_partners, kind="association")
    )


def test_exports_only_exist_on_the_directory(client):
    assert client.get("/fiches/export.csv").status_code == 404
    assert client.get("/export.json").status_code == 404
    assert client.get("/inexistant/export.csv").status_code == 404


def test_atom_feed_of_recently_added_partners(client, make_partner):
    make_partner("Tout nouveau partenaire", slug="tout-nouveau")
    response = client.get("/partenaires/flux/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("atom:entry", ns)
    assert 0 < len(entries) <= 20
    assert entries[0].find("atom:title", ns).text == "Tout nouveau partenaire"
    assert entries[0].find("atom:link", ns).get("href") == "http://localhost/partenaires/tout-nouveau/"
    directory = client.get("/partenaires/").content.decode()
    assert 'type="application/atom+xml"' in directory
