"""The search backends as configured: PostgreSQL's french_unaccent configuration for the
index and the queries, SQLite's FTS5, and Elasticsearch's French analyzer (built without
a server: none can run here)."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend

from fiches.models import FichePage
from search.engines import BackendEngine, PostgresIndexEngine, SQLiteIndexEngine, get_engine
from search.registry import kinds
from search.terms import parse

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configuration")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5")


def index_entry(page):
    entry_model = get_app_config().get_model("IndexEntry")
    content_type = ContentType.objects.get_for_model(type(page))
    return entry_model.objects.get(content_type=content_type, object_id=str(page.pk))


@postgres_only
def test_postgres_uses_french_unaccent_for_the_index_and_the_queries():
    backend = get_search_backend()
    assert type(backend).__name__ == "PostgresSearchBackend"
    assert backend.config == "french_unaccent"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.mapdict::regdictionary::text FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg "
            "JOIN ts_token_type('default') t ON t.tokid = m.maptokentype "
            "WHERE c.cfgname = 'french_unaccent' AND t.alias = 'word' ORDER BY m.mapseqno"
        )
        assert [row[0] for row in cursor.fetchall()] == ["unaccent", "french_stem"]
    fiche = FichePage.objects.get(locale__language_code="fr", number="4.2")
    body = str(index_entry(fiche).body)
    assert "'econom'" in body and "économie" not in body  # the index: folded and stemmed
    # The backend's own query goes through the same configuration.
    with CaptureQueriesContext(connection) as context:
        found = list(FichePage.objects.search("ECONOMIES"))
    assert fiche in found
    assert any("french_unaccent" in query["sql"] for query in context.captured_queries)


@postgres_only
def test_the_site_search_reads_the_index_with_the_backend_configuration():
    engine = get_engine()
    assert isinstance(engine, PostgresIndexEngine)
    assert engine.config == "french_unaccent"
    sql, params = engine.match_sql(("coopératives",), [1])
    assert "to_tsquery(%s::regconfig, %s)" in sql and "french_unaccent" in params


@sqlite_only
def test_sqlite_uses_fts5_which_folds_accents():
    backend = get_search_backend()
    assert type(backend).__name__ == "SQLiteSearchBackend"
    assert isinstance(get_engine(), SQLiteIndexEngine)
    fiche = FichePage.objects.get(locale__language_code="fr", number="4.2")
    assert fiche in list(FichePage.objects.search("ECONOMIE"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [get_engine().fts_table])
        assert "fts5" in cursor.fetchone()[0].lower()


def test_the_backend_engine_finds_what_the_index_engine_finds(rf):
    """The engine used with Elasticsearch, run here on the database backend, agrees."""
    from django.contrib.auth.models import AnonymousUser

    from home.i18n import active_locale

    request = rf.get("/recherche/")
    request.user = AnonymousUser()
    terms = parse("économie solidaire")
    index_matches = get_engine().matches(kinds(), terms, request, active_locale())
    backend_matches = BackendEngine(get_search_backend()).matches(kinds(), terms, request, active_locale())
    assert index_matches
    as_set = {(m.kind.key, m.pk, m.axes, m.departements) for m in index_matches}
    assert as_set == {(m.kind.key, m.pk, m.axes, m.departements) for m in backend_matches}


# --- Elasticsearch, without a server ----------------------------------------------------------


@pytest.fixture
def elasticsearch_backend():
    pytest.importorskip("elasticsearch")
    # A closed port: building settings and mappings must not need any server.
    return get_search_backend(
        settings.ELASTICSEARCH_BACKEND,
        URLS=["http://127.0.0.1:9"],
        INDEX_PREFIX="predess_",
        TIMEOUT=1,
        INDEX_SETTINGS=settings.ELASTICSEARCH_INDEX_SETTINGS,
    )


def test_elasticsearch_index_settings_have_a_french_analyzer(elasticsearch_backend):
    assert type(elasticsearch_backend).__name__ == "Elasticsearch8SearchBackend"
    analysis = elasticsearch_backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    filters = default["filter"]
    assert filters.index("french_elision") < filters.index("lowercase") < filters.index("asciifolding")
    assert filters.index("asciifolding") < filters.index("french_stemmer")
    assert analysis["filter"]["french_elision"]["type"] == "elision"
    assert {"l", "d", "qu"} <= set(analysis["filter"]["french_elision"]["articles"])
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["french_stop"]["stopwords"] == "_french_"
    # Wagtail's own analyzers (autocomplete) are kept beside ours.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_elasticsearch_mapping_of_the_fiches_uses_the_default_analyzer(elasticsearch_backend):
    index = elasticsearch_backend.get_index_for_model(FichePage)
    assert index.name == "predess_wagtailcore_page"
    mapping = index.mapping_class(FichePage).get_mapping()
    properties = mapping["properties"]
    title = next(value for key, value in properties.items() if key.endswith("title") and value.get("type") == "text")
    assert "analyzer" not in title  # the index's "default" analyzer: the French one
    assert properties["_all_text"]["type"] == "text"
    boosts = {key for key in properties if key.startswith("_all_text_boost_")}
    assert boosts  # titles and summaries weigh more
