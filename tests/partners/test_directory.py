"""The directory at /partenaires/: search, filters with their counts, map, pagination,
and URLs that ask for things that do not exist."""

from urllib.parse import urlencode

import pytest

from partners.choices import Offer, PartnerKind
from partners.models import Partner

from .conftest import map_counts, option_counts, oracle, result_count, result_slugs, selected_option, soup

pytestmark = pytest.mark.django_db

URL = "/partenaires/"
FACETS = ("kind", "offer", "departement", "fiche")


def get(client, **params):
    response = client.get(URL + ("?" + urlencode(params) if params else ""))
    assert response.status_code == 200, response.status_code
    return response


def all_results(client, **params):
    """Every slug of a filtered list, following the pagination."""
    slugs, page = [], 1
    while True:
        response = get(client, **params, page=page)
        slugs += result_slugs(response)
        if not soup(response).select_one("a[rel=next]"):
            return slugs
        page += 1


# --- The list -------------------------------------------------------------------------


def test_the_directory_lists_every_partner_of_the_plan_by_name(client, yaml_partners):
    response = get(client)
    assert result_count(response) == len(yaml_partners)
    slugs = all_results(client)
    assert sorted(slugs) == sorted(entry["slug"] for entry in yaml_partners)
    names = list(Partner.objects.filter(slug__in=slugs).order_by("sort_name").values_list("slug", flat=True))
    assert slugs == names  # alphabetical, accents ignored
    assert "Partenaires" in soup(response).h1.get_text()


def test_the_directory_is_in_the_main_navigation_after_the_fiches(client):
    links = soup(get(client)).select(".main-nav__list a")
    hrefs = [link["href"] for link in links]
    assert hrefs.index(URL) == hrefs.index("/fiches/") + 1
    assert links[hrefs.index(URL)].get("aria-current") == "page"


# --- Search ---------------------------------------------------------------------------


def test_search_by_a_word_of_the_description(client):
    # Only Potentiel 71's description says "Couveuse".
    assert result_slugs(get(client, q="couveuse")) == ["potentiel-71"]


def test_search_without_accents_finds_accented_words(client):
    # "Économie" is in the CRESS's name and in many descriptions.
    with_accents = set(all_results(client, q="économie"))
    without_accents = set(all_results(client, q="economie"))
    assert "cress" in without_accents
    assert without_accents == with_accents
    assert set(all_results(client, q="ECONOMIE")) == with_accents


def test_search_by_acronym_and_by_commune(client):
    assert result_slugs(get(client, q="URSCOP")) == ["urscop"]
    assert "pole-economie-solidaire-agglomeration-dijonnaise" in result_slugs(get(client, q="Dijon"))


def test_search_by_what_they_offer(client):
    # "garantie" is an offer (Bourgogne Active, OSEO) and is also in descriptions.
    slugs = set(all_results(client, q="garantie"))
    assert {"bourgogne-active", "oseo-sofaris-bourgogne"} <= slugs


def test_search_combines_with_filters(client):
    everything = set(all_results(client, q="economie"))
    in_71 = set(all_results(client, q="economie", departement="71"))
    assert in_71 and in_71 < everything
    for slug in in_71:
        partner = Partner.objects.get(slug=slug)
        assert "71" in [d.value for d in partner.departements]


def test_words_that_match_nothing_say_so(client):
    response = get(client, q="zzzinexistant")
    assert result_count(response) == 0
    assert "Aucun partenaire ne correspond" in response.content.decode()
    assert all(count == 0 for count in option_counts(response, "kind").values())


@pytest.mark.parametrize(
    "query",
    ['"', "*", "AND", "OR NOT", "économie -sociale", "(", "a:b", "l’économie", "^", "NEAR(a b)", "x" * 500, "%", "'"],
)
def test_search_syntax_characters_never_break_the_page(client, query):
    get(client, q=query)


# --- Filters and counts ---------------------------------------------------------------


def test_counts_of_the_unfiltered_directory_match_the_content_file(client, yaml_partners):
    response = get(client)
    assert option_counts(response, "kind") == {k: len(oracle(yaml_partners, kind=k)) for k in PartnerKind.values}
    assert option_counts(response, "offer") == {o: len(oracle(yaml_partners, offer=o)) for o in Offer.values}
    departements = ["region", "21", "58", "71", "89"]
    assert option_counts(response, "departement") == {
        d: len(oracle(yaml_partners, departement=d)) for d in departements
    }
    fiche_counts = option_counts(response, "fiche")
    assert len(fiche_counts) == 12
    assert fiche_counts == {number: len(oracle(yaml_partners, fiche=number)) for number in fiche_counts}
    assert map_counts(response) == {d: len(oracle(yaml_partners, departement=d)) for d in ["21", "58", "71", "89"]}


@pytest.mark.parametrize(
    "name,value",
    [
        ("kind", "association"),
        ("kind", "reseau"),
        ("offer", "financement"),
        ("offer", "formation"),
        ("departement", "21"),
        ("departement", "58"),
        ("departement", "region"),
        ("fiche", "1.1"),
        ("fiche", "3.3"),
    ],
)
def test_each_filter_alone(client, yaml_partners, name, value):
    response = get(client, **{name: value})
    expected = oracle(yaml_partners, **{name: value})
    assert expected, "the example must select something"
    assert sorted(all_results(client, **{name: value})) == sorted(expected)
    assert result_count(response) == len(expected)
    assert selected_option(response, name) == value
    assert_counts_right(response, yaml_partners, {name: value})


COMBINATIONS = [
    {"departement": "21", "offer": "financement"},
    {"kind": "reseau", "departement": "region"},
    {"fiche": "1.1", "offer": "accompagnement-creation", "departement": "71"},
    {"kind": "association", "offer": "financement", "departement": "89", "fiche": "1.1"},
    {"kind": "autre", "fiche": "3.1"},
    {"kind": "cooperative", "offer": "garantie"},  # nothing: every count still right
]


@pytest.mark.parametrize("filters", COMBINATIONS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()))
def test_filters_combine_with_the_counts_right(client, yaml_partners, filters):
    response = get(client, **filters)
    expected = oracle(yaml_partners, **filters)
    assert sorted(all_results(client, **filters)) == sorted(expected)
    assert result_count(response) == len(expected)
    for name, value in filters.items():
        assert selected_option(response, name) == value
    assert_counts_right(response, yaml_partners, filters)


def assert_counts_right(response, entries, filters):
    """The count beside each option is the number of results if it were chosen, the other
    filters staying as they are."""
    for facet in FACETS:
        shown = option_counts(response, facet)
        for value, count in shown.items():
            assert count == len(oracle(entries, **{**filters, facet: value})), (facet, value, filters)
    departement_filters = {k: v for k, v in filters.items() if k != "departement"}
    assert map_counts(response) == {
        d: len(oracle(entries, **departement_filters, departement=d)) for d in ["21", "58", "71", "89"]
    }


def test_following_an_option_gives_as_many_results_as_its_count(client):
    """The same rule, checked through the site only (with a search, where the content file
    cannot be the oracle)."""
    base = {"q": "economie", "departement": "21"}
    response = get(client, **base)
    for facet in ("kind", "offer", "fiche"):
        for value, count in option_counts(response, facet).items():
            assert result_count(get(client, **base, **{facet: value})) == count, (facet, value)


def test_filters_live_in_the_url_and_the_form_works_without_javascript(client, directory):
    response = get(client, kind="reseau", departement="region")
    page = soup(response)
    form = page.select_one("form.directory-form")
    assert form["method"] == "get"
    assert form["action"] == directory.url
    assert {field["name"] for field in form.select("select, input")} == {"q", *FACETS}
    assert form.select_one("details.directory-filters").has_attr("open")
    # Each applied filter can be removed by a link keeping the others.
    removals = {link.get_text(" ", strip=True): link["href"] for link in page.select(".active-filters a")}
    assert any(href == "?departement=region" for href in removals.values())
    assert any(href == "?kind=reseau" for href in removals.values())


def test_the_map_links_filter_by_departement_and_keep_the_other_filters(client):
    response = get(client, offer="financement", departement="58")
    areas = soup(response).select(".departement-map__area")
    assert len(areas) == 4
    hrefs = {area["href"] for area in areas}
    assert "?offer=financement&departement=21" in hrefs
    selected = [area for area in areas if area.get("aria-current") == "true"]
    assert len(selected) == 1 and "Nièvre" in selected[0].get_text(" ", strip=True)
    for area in areas:
        # Named by what it shows (no aria-label that would differ from the visible text).
        assert not area.has_attr("aria-label")
        assert area.select_one("text.departement-map__name").get_text(strip=True)
        assert "partenaire" in area.select_one("text.departement-map__count").get_text()


# --- Pagination -------------------------------------------------------------------------


@pytest.fixture
def many_partners(make_partner):
    return [make_partner(f"Structure d’essai {index:02d}", kind="association") for index in range(30)]


def test_pagination(client, many_partners, yaml_partners):
    total = len(yaml_partners) + len(many_partners)
    first = get(client)
    second = get(client, page=2)
    assert result_count(first) == total
    assert len(result_slugs(first)) == 20
    assert len(result_slugs(second)) == 20
    assert not set(result_slugs(first)) & set(result_slugs(second))
    assert len(all_results(client)) == total
    assert soup(second).select_one("a[rel=prev]")["href"] == "?page=1"
    # The filters are kept from page to page.
    filtered = get(client, kind="association", page=2)
    assert "kind=association" in soup(filtered).select_one("a[rel=prev]")["href"]
    assert len(all_results(client, kind="association")) == len(oracle(yaml_partners, kind="association")) + 30


# --- Bad URLs: the unfiltered list or a 404, never a 500 ---------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "departement=99",
        "kind=%3Cscript%3Ealert(1)%3C/script%3E",
        "offer=inconnue",
        "fiche=9.9",
        "fiche=%3Cb%3E",
        "departement=21&departement=58",
        "inconnu=1&utm_source=lettre",
        "page=abc",
        "page=",
        "kind=",
        "q=",
        "departement=%00",
    ],
)
def test_bad_values_give_the_unfiltered_list(client, yaml_partners, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    if query.startswith("departement=21&"):
        return  # the last value wins: a valid filter
    assert result_count(response) == len(yaml_partners)
    assert not soup(response).select(".active-filters")


@pytest.mark.parametrize("page", ["0", "-1", "3", "99999", "1e9"])
def test_pages_that_do_not_exist_are_404(client, page):
    response = client.get(f"{URL}?page={page}")
    assert response.status_code in (200, 404)
    if page != "1e9":
        assert response.status_code == 404


def test_unknown_partner_and_sub_paths_are_404(client):
    assert client.get(URL + "inconnu/").status_code == 404
    assert client.get(URL + "cress/plus-loin/").status_code == 404
    assert client.get(URL + "export.xml").status_code == 404
