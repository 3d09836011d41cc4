"""Which objects match the words, how well, and the text that matched.

``IndexEngine`` reads the index that Wagtail's database backend writes (one row per
object: a title and a body, as tsvectors with the backend's ``SEARCH_CONFIG`` on
PostgreSQL, as an FTS5 table on SQLite) and asks one SQL statement for every kind at
once: each kind's visible objects joined with the index rows that match, with their score
and facet columns. The text search itself is the backend's: the same configuration
(``french_unaccent``: accents folded, French stemming) for the index and the query on
PostgreSQL, the same FTS5 table (accents folded, no stemming) on SQLite.

``BackendEngine`` serves any other backend (Elasticsearch): it asks the backend, kind by
kind, for the best matches and their scores, then reads the facet columns from the
database. It also runs on the database backend, which the tests use to compare both.
"""

from dataclasses import dataclass

from django.db import connection
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend

from .facets import NO_CODES, codes_by_pk, content_version

BACKEND_RESULTS_PER_KIND = 500


class Match:
    """One object found: its kind, primary key, score (higher is better) and facet codes."""

    __slots__ = ("kind", "pk", "score", "departements", "axes")

    def __init__(self, kind, pk, score, departements=frozenset(), axes=frozenset()):
        self.kind = kind
        self.pk = pk
        self.score = score
        self.departements = departements
        self.axes = axes

    def __repr__(self):
        return f"<Match {self.kind.key} {self.pk} {self.score:.3f}>"


def with_codes(matches, locale):
    """Set the facet codes of ``matches`` from the process's copy (``search.facets``)."""
    version = content_version()
    by_kind = {}
    for match in matches:
        codes = by_kind.get(match.kind.key)
        if codes is None:
            codes = by_kind[match.kind.key] = codes_by_pk(match.kind, locale, version)
        if codes:
            match.departements, match.axes = codes.get(match.pk, NO_CODES)
    return matches


def get_engine(backend_name="default"):
    backend = get_search_backend(backend_name)
    module = type(backend).__module__
    if module.endswith("database.postgres.postgres"):
        return PostgresIndexEngine(backend)
    if module.endswith("database.sqlite.sqlite"):
        return SQLiteIndexEngine(backend)
    return BackendEngine(backend)


@dataclass(frozen=True)
class Description:
    """What a result shows: its title, where it links (a page's ``url_path`` and a tail),
    its summary and the text the search index holds for it (empty for other backends)."""

    title: str
    url_path: str
    url_tail: str
    summary: str
    index_title: str
    index_body: str


def _descriptions(pieces, params):
    if not pieces:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(pieces), params)
        rows = cursor.fetchall()
    return {(key, pk): Description(*(value or "" for value in values)) for key, pk, *values in rows}


class IndexEngine:
    """The database backends' index, read in one statement for every kind."""

    has_index_text = True

    def __init__(self, backend):
        self.backend = backend
        app_config = get_app_config()
        self.entry_table = app_config.get_model("IndexEntry")._meta.db_table

    # Subclasses: ``match_sql(words, content_type_ids, prefix)`` → (sql, params) selecting
    # ``pk`` and ``score``; ``text_columns`` → the plain-text title and body of an entry.

    def matches(self, kinds, terms, request, locale, *, shared=False):
        pieces, params = [], []
        for kind in kinds:
            visible_sql, visible_params = kind.visible_sql(request, locale, "pk", shared=shared)
            match_sql, match_params = self.match_sql(terms.words, kind.content_type_ids())
            pieces.append(
                f'SELECT %s AS kind, v."_s_pk" AS pk, m.score AS score '
                f'FROM ({visible_sql}) v INNER JOIN ({match_sql}) m ON m.pk = v."_s_pk"'
            )
            params += [kind.key, *visible_params, *match_params]
        if not pieces:
            return []
        by_key = {kind.key: kind for kind in kinds}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(pieces), params)
            rows = cursor.fetchall()
        return with_codes([Match(by_key[key], pk, float(score or 0)) for key, pk, score in rows], locale)

    def describe(self, wanted, request, locale, *, shared=False):
        """{(kind key, pk): Description} of the objects to show, in one statement, with the
        plain text the index holds for each (the excerpt is cut from what matched)."""
        title_column, body_column = self.text_columns
        pieces, params = [], []
        for kind, pks in wanted:
            visible_sql, visible_params = kind.visible_sql(request, locale, "display", shared=shared)
            content_type_ids = kind.content_type_ids()
            placeholders = ", ".join(["%s"] * len(content_type_ids))
            pks = sorted(pks)
            pieces.append(
                f'SELECT %s AS kind, v."_s_pk", v."_s_title", v."_s_url_path", v."_s_url_tail", v."_s_summary", '
                f'e."{title_column}", e."{body_column}" FROM ({visible_sql}) v '
                f'LEFT OUTER JOIN "{self.entry_table}" e ON e.content_type_id IN ({placeholders}) '
                f'AND e.object_id = CAST(v."_s_pk" AS varchar(50)) '
                f'WHERE v."_s_pk" IN ({", ".join(["%s"] * len(pks))})'
            )
            params += [kind.key, *visible_params, *content_type_ids, *pks]
        return _descriptions(pieces, params)


class PostgresIndexEngine(IndexEngine):
    text_columns = ("title_text", "body_text")

    @property
    def config(self):
        return self.backend.config or "simple"

    def tsquery(self, words, prefix=False):
        """``'word' & 'word'`` for ``to_tsquery``: words are letters and digits only."""
        lexemes = [f"'{word}'" for word in words]
        if prefix and lexemes:
            lexemes[-1] += ":*"
        return " & ".join(lexemes)

    def match_sql(self, words, content_type_ids):
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        placeholders = ", ".join(["%s"] * len(content_type_ids))
        sql = (
            "SELECT CAST(e.object_id AS bigint) AS pk, "
            "ts_rank(%s::float4[], e.title, q.query) * e.title_norm + ts_rank(%s::float4[], e.body, q.query) AS score "
            f'FROM "{self.entry_table}" e, to_tsquery(%s::regconfig, %s) AS q(query) '
            f"WHERE e.content_type_id IN ({placeholders}) AND (e.title || e.body) @@ q.query"
        )
        weights = get_sql_weights()
        return sql, [weights, weights, self.config, self.tsquery(words), *content_type_ids]


class SQLiteIndexEngine(IndexEngine):
    text_columns = ("title", "body")
    # bm25() weights of the FTS5 columns (autocomplete, body, title): names and titles first.
    COLUMN_WEIGHTS = (4.0, 1.0, 4.0)

    @property
    def fts_table(self):
        return get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table

    def fts_query(self, words, prefix=False):
        """``{autocomplete title body} : ("word" AND "word")``: words are letters and digits only."""
        phrases = [f'"{word}"' for word in words]
        if prefix and phrases:
            phrases[-1] += "*"
        return "{autocomplete title body} : (" + " AND ".join(phrases) + ")"

    def match_sql(self, words, content_type_ids):
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        weights = ", ".join(str(weight) for weight in self.COLUMN_WEIGHTS)
        sql = (
            f'SELECT CAST(e.object_id AS integer) AS pk, -bm25("{self.fts_table}", {weights}) AS score '
            f'FROM "{self.fts_table}" INNER JOIN "{self.entry_table}" e ON e.id = "{self.fts_table}".rowid '
            f'WHERE "{self.fts_table}" MATCH %s AND e.content_type_id IN ({placeholders})'
        )
        return sql, [self.fts_query(words), *content_type_ids]


class BackendEngine:
    """Any search backend (Elasticsearch…): the backend's best matches, kind by kind."""

    has_index_text = False

    def __init__(self, backend):
        self.backend = backend

    def matches(self, kinds, terms, request, locale, *, shared=False):
        found = []
        for kind in kinds:
            results = self.backend.search(terms.as_string, kind.search_model, operator="and")
            results = results.annotate_score("_search_score")[:BACKEND_RESULTS_PER_KIND]
            scores = {obj.pk: float(obj._search_score or 0) for obj in results}
            if not scores:
                continue
            visible = kind.get_queryset(request, locale, shared=shared).filter(pk__in=list(scores))
            found += [Match(kind, pk, scores[pk]) for pk in visible.values_list("pk", flat=True)]
        return with_codes(found, locale)

    def describe(self, wanted, request, locale, *, shared=False):
        pieces, params = [], []
        for kind, pks in wanted:
            visible_sql, visible_params = kind.visible_sql(request, locale, "display", shared=shared)
            pks = sorted(pks)
            pieces.append(
                f'SELECT %s AS kind, v."_s_pk", v."_s_title", v."_s_url_path", v."_s_url_tail", v."_s_summary", '
                f"'', '' FROM ({visible_sql}) v "
                f'WHERE v."_s_pk" IN ({", ".join(["%s"] * len(pks))})'
            )
            params += [kind.key, *visible_params, *pks]
        return _descriptions(pieces, params)
