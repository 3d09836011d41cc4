"""Promoted results (Wagtail's search promotions) and the record of what visitors search.

Both read or write Wagtail's ``Query`` table by its normalised query string. One query
reads the query's id, its promotions (with their pages) and its last outcome; recording a
search then costs one statement (the day's hits, an upsert) when the query is known and
its number of results has not changed, three when it is new.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string

from home.queries import page_view_restrictions, restriction_accepts

from .models import QueryOutcome


@dataclass
class Promotion:
    title: str
    url: str
    description: str
    page_id: int | None


@dataclass
class QueryRecord:
    """What is known of a query string before this search: its id and last outcome."""

    query_string: str
    query_id: int | None
    result_count: int | None
    promotions: list


def read_query(text):
    """One query: the ``Query`` row of ``text``, its promotions and its last outcome."""
    query_string = normalise_query_string(text)
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page", "query", "query__outcome")
        .order_by("sort_order", "pk")
    )
    if promotions:
        query = promotions[0].query
        outcome = getattr(query, "outcome", None)
        return QueryRecord(query_string, query.pk, outcome.result_count if outcome else None, promotions)
    row = (
        Query.objects.filter(query_string=query_string).values_list("pk", "outcome__result_count").first()
        if query_string
        else None
    )
    return QueryRecord(query_string, row[0] if row else None, row[1] if row else None, [])


def visible_promotions(record, request, locale):
    """The promotions of ``record`` this visitor may follow, in the current language."""
    restricted = [
        restriction.page.path
        for restriction in page_view_restrictions(request)
        if not restriction_accepts(restriction, request)
    ]
    promotions = []
    for promotion in record.promotions:
        page = promotion.page
        if page is not None:
            if not page.live or page.locale_id != locale.pk or any(page.path.startswith(p) for p in restricted):
                continue
            url = page.get_url(request)
            if url is None:
                continue
            promotions.append(Promotion(page.title, url, promotion.description, page.pk))
        elif promotion.external_link_url:
            promotions.append(
                Promotion(
                    promotion.external_link_text or promotion.external_link_url,
                    promotion.external_link_url,
                    promotion.description,
                    None,
                )
            )
    return promotions


def record_search(record, result_count):
    """Count one search of ``record.query_string`` today, and keep its number of results."""
    if not record.query_string:
        return
    now = timezone.now()
    query_id = record.query_id
    if query_id is None:
        with transaction.atomic():
            query_id = Query.objects.get_or_create(query_string=record.query_string)[0].pk
    hits_table = connection.ops.quote_name(QueryDailyHits._meta.db_table)
    with connection.cursor() as cursor:
        # One statement, safe under concurrent searches (SQLite ≥ 3.24 and PostgreSQL).
        cursor.execute(
            f"INSERT INTO {hits_table} (query_id, date, hits) VALUES (%s, %s, 1) "
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits_table}.hits + 1",
            [query_id, timezone.localdate(now)],
        )
    if record.query_id is None or record.result_count != result_count:
        QueryOutcome.objects.update_or_create(
            query_id=query_id, defaults={"result_count": result_count, "searched_at": now}
        )
