"""Whatever is typed, the search page and the suggestions answer normally, never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.terms import MAX_QUERY_LENGTH, parse

pytestmark = pytest.mark.django_db

HOSTILE = [
    "a" * 1000,
    "économie " * 120,
    "!!!???...;;;",
    "«»—–…’'\"",
    '"',
    '""',
    "*",
    "econ*",
    "OR",
    "économie OR social",
    "NEAR(économie social)",
    "NEAR(",
    "-économie",
    "économie -social",
    "title:économie",
    "{title body}: x",
    "^économie",
    "économie AND NOT social",
    "'; DROP TABLE wagtailcore_page; --",
    "\\",
    "%_%",
    "\x00",
    "emploi\x00solidaire",
    "&amp; <b>gras</b>",
    "🙂 émoji",
    "x" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_a_normal_page(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert response.context["result_count"] >= 0
    suggestions = client.get("/recherche/suggestions/", {"q": query})
    assert suggestions.status_code == 200
    assert isinstance(suggestions.json()["suggestions"], list)


@pytest.mark.parametrize("params", [{"page": "-1"}, {"page": "9" * 30}, {"type": "x" * 500}, {"axe": "'"}])
def test_hostile_parameters(client, params):
    assert client.get("/recherche/", {"q": "économie", **params}).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300))
def test_random_strings_never_break_the_search(client, query):
    assert client.get("/recherche/", {"q": query}).status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
def test_random_strings_never_break_the_suggestions(client, query):
    response = client.get("/recherche/suggestions/", {"q": query})
    assert response.status_code == 200
    assert len(response.json()["suggestions"]) <= 8


@given(query=st.text(max_size=2000))
def test_parsed_words_are_plain_letters_and_digits(query):
    terms = parse(query)
    assert len(terms.text) <= MAX_QUERY_LENGTH
    assert len(terms.words) <= 12
    assert not any(ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF for char in terms.text)
    for word in terms.words:
        assert word and all(char.isalnum() for char in word), word


def test_parse_keeps_words_and_drops_syntax():
    assert parse('"coopérative" OR NEAR(insertion -Nevers)').words == ("coopérative", "insertion", "Nevers")
    assert parse("prêt d’honneur").words == ("prêt", "honneur")
    assert parse("semaine de l'ESS").words == ("semaine", "ESS")
    assert parse("de la").words == ("de", "la")  # only small words: searched as typed
    assert parse("l’or et l’argent").words == ("or", "argent")  # "or" in lower case is a word
    assert parse("the economy of", "en").words == ("economy",)
