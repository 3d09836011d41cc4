"""The search page as a visitor uses it: what is found, in which order, what is shown."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from fiches.models import FichePage

from .conftest import NO_STEMMING_ON_SQLITE

pytestmark = pytest.mark.django_db


def fiche(number):
    return FichePage.objects.get(locale__language_code="fr", number=number)


# --- Each kind found by a word of its body ------------------------------------------------


def test_a_fiche_is_found_by_a_word_of_one_of_its_sections(search):
    # "NACRE" is only in a section of fiche 1.1, not in its title.
    target = fiche("1.1")
    page = search("NACRE")
    assert target.url in page.urls
    kind = {url: kind for kind, _, url, _ in page.results}[target.url]
    assert kind == "Fiche"


def test_a_page_is_found_by_a_word_of_its_body(search, make_page):
    page_obj = make_page("Une page de test", "On y parle de l’arboriculture fruitière.")
    page = search("arboriculture")
    assert page.results == [
        ("Page", "Une page de test", page_obj.url, page.results[0][3]),
    ]
    assert "<mark>arboriculture</mark>" in page.results[0][3]


# --- Accents, case, French word forms, acronyms ----------------------------------------------


@pytest.mark.parametrize("query", ["économie", "economie", "ECONOMIE", "Économie", "ÉCONOMIE"])
def test_accents_and_case_are_folded(search, query):
    reference = search("économie").urls
    assert reference
    assert search(query).urls == reference


def test_accents_are_folded_in_the_text_too(search, make_page):
    page_obj = make_page("Sans accents", "Le systeme de reperage des associations.")
    assert page_obj.url in search("système repérage").urls


@NO_STEMMING_ON_SQLITE
def test_french_plurals_find_the_singular(search, make_page):
    page_obj = make_page("Une seule", "La coopérative laitière du Morvan.")
    assert page_obj.url in search("coopératives laitières").urls


@NO_STEMMING_ON_SQLITE
def test_french_word_forms_find_each_other(search, make_page):
    page_obj = make_page("Financements", "Le financement des projets solidaires.")
    assert page_obj.url in search("financer").urls


@pytest.mark.parametrize("acronym", ["URSCOP", "IAE", "DLA", "PACQ"])
def test_acronyms_of_the_plan_find_the_fiches_citing_them(search, acronym):
    page = search(acronym)
    assert page.results, acronym
    assert any(re.search(rf"<mark>{acronym}</mark>", excerpt, re.I) for *_, excerpt in page.results), acronym
    assert search(acronym.lower()).urls == page.urls


def test_elisions_and_small_words_do_not_lose_results(search):
    # "prêt d’honneur" is written so in the plan; visitors type "pret honneur".
    assert search("pret honneur").urls
    assert search("prêt d’honneur").urls == search("pret honneur").urls


# --- Order, kinds, excerpts -------------------------------------------------------------------


def test_title_matches_come_before_body_matches(search, make_page):
    body_only = make_page("Un autre sujet", "Quelques mots sur la zythologie, en passant.", slug="autre-sujet")
    titled = make_page("Zythologie", "Une page entière consacrée au sujet.", slug="zythologie")
    urls = search("zythologie").urls
    assert urls.index(titled.url) < urls.index(body_only.url)


def test_each_result_shows_its_kind_title_link_and_an_excerpt_around_the_words(search):
    page = search("Cigales")
    assert page.results
    for kind, title, url, excerpt in page.results:
        assert kind in {"Fiche", "Page", "Partenaire", "Aide", "Événement"}
        assert title and url.startswith("/")
        assert "<mark>" in excerpt.lower() or "<mark>" in page.soup.select_one(f'a[href="{url}"]').decode_contents()


def test_highlights_are_escaped(search, make_page):
    # A text that shows a tag: the excerpt escapes it, then marks the words.
    make_page("Balises", "Un texte qui montre &lt;script&gt;alert(1)&lt;/script&gt; et le mot quetzal.", slug="balises")
    page = search("quetzal")
    excerpt = page.results[0][3]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in excerpt and "<mark>quetzal</mark>" in excerpt
    assert "<script>" not in page.response.content.decode()
    # A query with a tag is shown back as text.
    hostile = search("<script>alert(1)</script> quetzal")
    html = hostile.response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_query_is_shown_back_escaped_in_the_title_and_the_field(search):
    page = search('"><img src=x onerror=alert(1)>')
    html = page.response.content.decode()
    assert "<img src=x" not in html
    assert page.soup.select_one("#search-page-q")["value"] == '"><img src=x onerror=alert(1)>'


# --- Facets ---------------------------------------------------------------------------------


def test_kind_facet_counts_and_filters(search, make_page):
    make_page("Page solidaire", "Une page sur l’économie.", slug="page-solidaire")
    page = search("économie")
    kinds = page.facet("kind")
    assert kinds["Fiches"] > 0 and kinds["Pages"] > 0
    assert sum(kinds.values()) == int(page.status.split()[0])
    filtered = search("économie", type="fiche")
    assert {kind for kind, *_ in filtered.results} == {"Fiche"}
    assert int(filtered.status.split()[0]) == kinds["Fiches"]
    # The choice is in the URL, and the link of the chosen kind removes it.
    assert "type=fiche" in page.facet_link("kind", "Fiches")
    assert "type=" not in filtered.facet_link("kind", "Fiches")


def test_axis_facet(search):
    page = search("économie")
    axes = page.facet("axis")
    assert set(axes) <= {"Axe 1", "Axe 2", "Axe 3", "Axe 4"} and axes
    in_axis_4 = search("économie", axe="4")
    assert int(in_axis_4.status.split()[0]) == axes["Axe 4"]
    for url in in_axis_4.urls:
        assert "/axe-4-" in url


def test_unknown_facet_values_are_ignored(search):
    assert search("économie", type="<x>", departement="99", axe="9").urls == search("économie").urls


def test_pagination(search, make_page):
    for number in range(23):
        make_page(f"Ornithologie {number}", "Observation des oiseaux.", slug=f"ornithologie-{number}")
    first, second, third = (search("ornithologie", page=n) for n in (1, 2, 3))
    assert len(first.urls) == 10 and len(second.urls) == 10 and len(third.urls) == 3
    assert not set(first.urls) & set(second.urls)
    assert len(set(first.urls + second.urls + third.urls)) == 23
    assert first.soup.select_one('a[rel="next"]')["href"].endswith("page=2")
    # Out of range or not a number: a page, never an error.
    assert search("ornithologie", page=99).urls == third.urls
    assert search("ornithologie", page="abc").urls == first.urls


# --- Who sees what --------------------------------------------------------------------------


def test_drafts_are_never_found(search, make_page):
    make_page("Brouillon", "Le mot pangolin n’est pas encore publié.", live=False, slug="brouillon")
    assert search("pangolin").results == []


def test_unpublished_changes_of_a_live_page_are_not_found(search, make_page):
    page_obj = make_page("Publiée", "Le texte publié parle de tapirs.", slug="publiee")
    page_obj.body = [("paragraph", "<p>Le brouillon parle d’okapis.</p>")]
    page_obj.save_revision()
    assert search("okapis").results == []
    assert search("tapirs").urls == [page_obj.url]


def test_private_pages_only_for_those_who_may_read_them(client, search, private_page):
    assert search("xylophonique").results == []
    user = get_user_model().objects.create_user("membre", "membre@example.org", "motdepasse-solide-42")
    client.force_login(user)
    assert search("xylophonique").urls == [private_page.url]


def test_results_are_in_the_current_language(search):
    french = search("économie")
    english = search("economy", path="/en/search/")
    assert english.results
    assert all(url.startswith("/en/") for url in english.urls)
    assert not any(url.startswith("/en/") for url in french.urls)
    assert english.soup.html["lang"] == "en"


# --- Promotions, help, spelling -------------------------------------------------------------


def test_promoted_results_come_first(search, make_page):
    promoted = make_page("Mise en avant", "Rien sur le sujet ici.", slug="mise-en-avant")
    query = Query.get("cigales")
    SearchPromotion.objects.create(query=query, page=promoted, description="Notre sélection.", sort_order=0)
    page = search("Cigales")
    assert page.all_urls[0] == promoted.url
    assert "Notre sélection." in page.response.content.decode()
    assert promoted.url not in page.urls  # not a second time below


def test_no_result_gives_help_links_by_page_type(search):
    page = search("zzzyyyxxx")
    assert page.results == []
    assert "0 résultat" in page.status
    links = {a.get_text(strip=True): a["href"] for a in page.soup.select(".search-help__links a")}
    assert links.get("Les fiches du PREDESS") == "/fiches/"


def test_empty_search_shows_help_without_status(search):
    page = search("")
    assert page.status == ""
    assert page.soup.select(".search-help__links a")


def test_spelling_suggestion(search):
    page = search("solidiare")
    suggestion = page.soup.select_one(".search-spelling a")
    assert suggestion is not None, page.response.content.decode()[:3000]
    assert "Vouliez-vous dire" in page.soup.select_one(".search-spelling").get_text()
    assert search(suggestion.get_text()).results


# --- Robots and caching ---------------------------------------------------------------------


def test_results_are_not_indexed_and_not_shared(client):
    response = client.get("/recherche/", {"q": "économie"})
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "Cookie" in response["Vary"]
    english = client.get("/en/search/", {"q": "economy"})
    assert english.status_code == 200 and english["X-Robots-Tag"] == "noindex"
