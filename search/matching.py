"""The objects of an indexed model that match every word of a search, as a filter that
listings with filters and counts can embed in each of their queries.

Wagtail's search index is used as it is (the entries written by the search backend, with
its accent folding and, on PostgreSQL, French stemming): only the query differs from
``Model.objects.search()``. Embedded in a filtered ``COUNT`` or ``GROUP BY``, the
backend's own queryset gets poor plans: on PostgreSQL it joins the index on a cast id
(``id::varchar = object_id``) that the planner turns into a nested loop (0.7 s for
5 000 partners); on SQLite, without fresh statistics, it probes the full-text table once
per indexed object. Here the index is read first and the ids are cast once:

- PostgreSQL: ``(title || body) @@ plainto_tsquery(<SEARCH_CONFIG>, words)``;
- SQLite FTS5: ``MATCH '{title body} : ("word" AND "word")'``;
- any other backend (Elasticsearch…): the backend's own search, as a list of ids.

``tests/partners/test_search.py`` checks that it finds what the backend's search finds.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, BooleanField, F, Func, Q
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend

MAX_WORDS = 12


class EqualsAny(Func):
    """``<expression> = ANY(<array>)`` (PostgreSQL)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def search_words(text):
    """The words of a search, lower-case, without anything a search engine reads as syntax."""
    return re.findall(r"\w+", (text or "").lower())[:MAX_WORDS]


def matching(model, text, backend_name="default"):
    """A filter for ``model`` querysets: the objects whose indexed text contains every
    word of ``text`` (``Partner.objects.filter(matching(Partner, "économie"))``)."""
    words = search_words(text)
    if not words:
        return Q()
    backend = get_search_backend(backend_name)
    module = type(backend).__module__
    if module.endswith("database.postgres.postgres"):
        # ``id = ANY(ARRAY(subquery))``: the subquery runs once, whatever the query around
        # it (an ``IN (subquery)`` inside a ``COUNT(…) FILTER`` becomes a nested loop).
        from django.contrib.postgres.expressions import ArraySubquery

        return EqualsAny(F("pk"), ArraySubquery(_postgres_ids(model, words, backend.config or "simple")))
    if module.endswith("database.sqlite.sqlite"):
        return Q(pk__in=_sqlite_ids(model, words))
    results = backend.search(" ".join(words), model.objects.all(), operator="and", order_by_relevance=False)
    return Q(pk__in=[obj.pk for obj in results])


def _entries(model):
    index_entry = get_app_config().get_model("IndexEntry")
    content_type = ContentType.objects.get_for_model(model)
    return index_entry.objects.filter(content_type=content_type)


def _as_ids(entries):
    return entries.order_by().values(object_pk=Cast("object_id", BigIntegerField()))


def _postgres_ids(model, words, config):
    from django.contrib.postgres.search import SearchQuery, SearchVectorField

    document = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    query = SearchQuery(" ".join(words), config=config, search_type="plain")
    return _as_ids(_entries(model).annotate(document=document).filter(document=query))


def _sqlite_ids(model, words):
    fts_table = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
    # \w+ words in double quotes: nothing FTS5 could read as an operator.
    match = "{title body} : (" + " AND ".join(f'"{word}"' for word in words) + ")"
    rowids = RawSQL(f'SELECT rowid FROM "{fts_table}" WHERE "{fts_table}" MATCH %s', [match])
    return _as_ids(_entries(model).filter(pk__in=rowids))
