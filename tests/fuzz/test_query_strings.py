"""Every listing and feed answers hostile query strings without a server error.

The URLs are found, not listed: one live public page of every page type (listings read
their filters from the query string), every route without arguments of the routable pages
(feeds, exports, month views…), the search, ``sitemap.xml`` and ``robots.txt``. New
apps' pages are fuzzed as soon as they exist. Hypothesis builds the query strings: known
filter names and random ones, repeated keys, bad dates, huge and negative numbers,
unicode, SQL and HTML fragments, broken percent-encoding, very long values.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home.queries import public

pytestmark = pytest.mark.django_db

FILTER_NAMES = [
    "page",
    "q",
    "pour-qui",
    "besoin",
    "departement",
    "offer",
    "kind",
    "type",
    "category",
    "categorie",
    "fiche",
    "audience",
    "month",
    "year",
    "date",
    "start",
    "end",
    "from",
    "to",
    "series",
    "mode",
    "free",
    "amount",
    "montant",
    "sort",
    "order",
    "format",
    "view",
    "lang",
]
HOSTILE = [
    "",
    "'",
    '"',
    "' OR 1=1 --",
    "1; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "../../etc/passwd",
    "\x00",
    "9999-99-99",
    "2026-02-30",
    "0000-00-00",
    "2026-13",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "0x10",
    "☃ économie sociale",
    "😀",
    "ﷺ",
    "ｅｍｐｌｏｉ",
    "a" * 3000,
    "region",
    "1.1",
]
RAW = ["%", "%%", "%ZZ", "%ED%A0%80", "%FF%FE", "a=%00", "&&&", "=x", "page=2&page=abc", ";", "q=" + "%41" * 600]


def fuzzed_urls():
    """One public live page of every page type, their argument-less routes, and the rest."""
    urls = {"/sitemap.xml", "/robots.txt"}
    for code, _name in django_settings.LANGUAGES:
        with translation.override(code):
            urls.add(reverse("search"))
    pages = public(Page.objects.live().filter(depth__gt=1)).specific().order_by("path")
    seen_types = set()
    for page in pages:
        key = (type(page), page.locale_id)
        if key in seen_types:
            continue
        seen_types.add(key)
        urls.add(page.url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                if pattern.name and not pattern.pattern.regex.groups:
                    urls.add(page.url + page.reverse_subpage(pattern.name).lstrip("/"))
    return sorted(urls)


values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
)
pairs = st.lists(
    st.tuples(st.one_of(st.sampled_from(FILTER_NAMES), st.text(min_size=1, max_size=15)), values), max_size=5
)


def encode(items):
    return urlencode([(quote(k, safe="", errors="surrogatepass"), v) for k, v in items], errors="surrogatepass")


query_strings = st.one_of(pairs.map(encode), st.sampled_from(RAW))


@pytest.fixture(scope="module")
def urls(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return fuzzed_urls()


def test_the_fuzzed_urls_cover_listings_and_feeds(urls):
    assert "/fiches/" in urls and "/recherche/" in urls and "/sitemap.xml" in urls
    assert len(urls) >= 15


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 100)),
    deadline=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_query_string_gives_a_server_error(client, urls, data):
    url = data.draw(st.sampled_from(urls), label="url")
    query_string = data.draw(query_strings, label="query string")
    response = client.generic("GET", url, QUERY_STRING=query_string)
    assert response.status_code < 500, (url, query_string, response.status_code)
