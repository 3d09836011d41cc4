"""Partners in the site search."""

import pytest

from partners.models import Partner, PartnerDepartement

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db):
    from wagtail.models import Locale

    partner = Partner.objects.create(
        locale=Locale.objects.get(language_code="fr"),
        name="Atelier des tisserands",
        acronym="ADT",
        slug="atelier-des-tisserands",
        description="<p>Une coopérative de filature de laine mérinos à Clamecy.</p>",
        commune="Clamecy",
        live=True,
    )
    PartnerDepartement.objects.create(partner=partner, departement="58")
    partner.save()  # indexed with its département
    return partner


def test_a_partner_is_found_by_a_word_of_its_description(search, partner):
    page = search("mérinos")
    assert page.results[0][:3] == ("Partenaire", "Atelier des tisserands (ADT)", "/partenaires/atelier-des-tisserands/")
    assert "<mark>mérinos</mark>" in page.results[0][3]
    assert search("MERINOS").urls == page.urls


def test_a_partner_is_found_by_its_acronym_first(search, partner):
    assert search("ADT").urls[0] == "/partenaires/atelier-des-tisserands/"


def test_partners_of_the_plan_are_found_by_their_acronyms(search):
    page = search("URSCOP")
    kinds = [kind for kind, *_ in page.results]
    assert "Partenaire" in kinds
    assert kinds[0] == "Partenaire"  # the partner named so comes before the fiches citing it


def test_partner_facets_by_departement(search, partner):
    page = search("mérinos")
    assert page.facet("kind") == {"Partenaires": 1}
    assert page.facet("departement") == {"Nièvre (58)": 1}
    assert search("mérinos", departement="21").results == []
    assert search("mérinos", departement="58").urls == ["/partenaires/atelier-des-tisserands/"]


def test_draft_partners_are_hidden(search, partner):
    partner.live = False
    partner.save()
    assert search("mérinos").results == []


def test_partner_names_are_suggested(client, partner):
    data = client.get("/recherche/suggestions/", {"q": "tisser"}).json()
    assert {
        "title": "Atelier des tisserands (ADT)",
        "url": "/partenaires/atelier-des-tisserands/",
        "kind": "Partenaire",
    } in data["suggestions"]


def test_french_partners_are_not_results_in_english(search, partner):
    assert search("mérinos", path="/en/search/").results == []
    page = search("URSCOP", path="/en/search/")
    assert page.results and all(url.startswith("/en/") for url in page.urls)
