"""SQL queries per search (constant), suggestions, and the record of visitors' searches."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from home.roles import COMMUNICATION
from search.models import QueryOutcome

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def count_queries(client, path, params):
    client.get(path, params)  # warm caches (content types, site root paths, vocabulary)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "économie"},
        {"q": "économie", "type": "fiche", "axe": "1"},
        {"q": "économie", "page": "2"},
        {"q": "zzzyyyxxx"},  # no result: help links and spelling
        {"q": ""},
    ],
)
def test_the_search_page_needs_at_most_ten_queries(client, params):
    assert count_queries(client, "/recherche/", params) <= MAX_QUERIES


def test_the_number_of_queries_does_not_depend_on_the_number_of_results(client, make_page):
    make_page("Hippocampe", "Un poisson.", slug="hippocampe")
    before = count_queries(client, "/recherche/", {"q": "hippocampe"})
    for number in range(30):
        make_page(f"Hippocampe {number}", "Un poisson.", slug=f"hippocampe-{number}")
    after = count_queries(client, "/recherche/", {"q": "hippocampe"})
    assert after == before


def test_suggestions_need_at_most_one_query_once_the_vocabulary_is_built(client):
    # The site of the request, for relative links; the titles come from the vocabulary.
    assert count_queries(client, "/recherche/suggestions/", {"q": "econ"}) <= 1


# --- Suggestions ----------------------------------------------------------------------------


def test_suggestions_are_titles_starting_with_the_typed_words(client):
    response = client.get("/recherche/suggestions/", {"q": "econ"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Robots-Tag"] == "noindex"
    data = response.json()
    assert data["query"] == "econ"
    assert 0 < len(data["suggestions"]) <= 8
    for item in data["suggestions"]:
        assert set(item) == {"title", "url", "kind"}
        assert "économie" in item["title"].lower() or "economie" in item["title"].lower()
        assert item["url"].startswith("/")


def test_suggestions_are_limited(client, make_page):
    # Their speed is measured in bench/search.py and their cost is bounded by the query
    # count above; a timed assertion here failed on a loaded machine.
    for number in range(20):
        make_page(f"Lanterne {number}", "Une lanterne.", slug=f"lanterne-{number}")
    data = client.get("/recherche/suggestions/", {"q": "lant"}).json()
    assert len(data["suggestions"]) == 8


def test_suggestions_fold_accents_and_read_several_words(client):
    accented = client.get("/recherche/suggestions/", {"q": "économie soc"}).json()["suggestions"]
    plain = client.get("/recherche/suggestions/", {"q": "ECONOMIE SOC"}).json()["suggestions"]
    assert accented and accented == plain


def test_suggestions_never_show_drafts_or_private_pages(client, make_page, private_page):
    make_page("Ornithorynque brouillon", "…", live=False, slug="ornithorynque")
    assert client.get("/recherche/suggestions/", {"q": "ornithor"}).json()["suggestions"] == []
    assert client.get("/recherche/suggestions/", {"q": "coin rés"}).json()["suggestions"] == []


def test_suggestions_follow_new_pages(client, make_page):
    assert client.get("/recherche/suggestions/", {"q": "okapi"}).json()["suggestions"] == []
    page = make_page("Okapi", "Une girafe de forêt.", slug="okapi")
    assert [s["url"] for s in client.get("/recherche/suggestions/", {"q": "okapi"}).json()["suggestions"]] == [page.url]


def test_suggestions_in_english(client):
    data = client.get("/en/search/suggestions/", {"q": "econ"}).json()
    assert data["suggestions"]
    assert all(item["url"].startswith("/en/") for item in data["suggestions"])


def test_short_input_gives_no_suggestion(client):
    assert client.get("/recherche/suggestions/", {"q": "e"}).json()["suggestions"] == []


# --- Records of what visitors search --------------------------------------------------------


def test_each_search_counts_a_hit_and_keeps_its_number_of_results(client):
    client.get("/recherche/", {"q": "Économie "})
    client.get("/recherche/", {"q": "économie"})
    query = Query.objects.get(query_string="économie")
    assert QueryDailyHits.objects.get(query=query).hits == 2
    assert QueryOutcome.objects.get(query=query).result_count > 0
    client.get("/recherche/", {"q": "zzzyyyxxx"})
    assert QueryOutcome.objects.get(query__query_string="zzzyyyxxx").result_count == 0


def test_facets_and_later_pages_are_not_counted_again(client):
    client.get("/recherche/", {"q": "économie"})
    client.get("/recherche/", {"q": "économie", "page": "2"})
    client.get("/recherche/", {"q": "économie", "type": "fiche"})
    assert QueryDailyHits.objects.get(query__query_string="économie").hits == 1


def communication_user():
    user = get_user_model().objects.create_user("redaction", "redaction@example.org", "motdepasse-solide-42")
    user.groups.add(Group.objects.get(name=COMMUNICATION))
    return user


def test_communication_sees_the_report_with_no_result_queries_flagged(client):
    for query in ["économie", "économie", "zzzyyyxxx"]:
        client.get("/recherche/", {"q": query})
    client.force_login(communication_user())
    response = client.get("/admin/reports/recherches/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "économie" in html and "zzzyyyxxx" in html
    assert html.count("search-report__no-result") == 1
    assert "aucun résultat" in html
    only_empty = client.get("/admin/reports/recherches/", {"no_result": "true"}).content.decode()
    assert "zzzyyyxxx" in only_empty and "économie" not in only_empty
    assert client.get("/admin/searchpicks/").status_code == 200  # promotions


def test_the_report_is_in_the_reports_menu_for_communication_only(client):
    from wagtail.admin.menu import admin_menu

    user = communication_user()
    client.force_login(user)
    request = client.get("/admin/").wsgi_request
    names = [item.name for item in admin_menu.menu_items_for_request(request)]
    assert "reports" in names
    from wagtail.admin.wagtail_hooks import reports_menu

    assert "visitor-searches" in [item.name for item in reports_menu.menu_items_for_request(request)]


def test_the_report_is_refused_to_others(client):
    user = get_user_model().objects.create_user("autre", "autre@example.org", "motdepasse-solide-42")
    client.force_login(user)
    assert client.get("/admin/reports/recherches/").status_code in (302, 403)
