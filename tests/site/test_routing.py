"""Routing with the memo on (as in production): a page's own address, once routed, is
routed again without a query for the content generation; every publication, move,
unpublication or view restriction shows at once; events, sub-routes and addresses that
lead nowhere are routed from the database every time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from fiches.models import FichePage

pytestmark = pytest.mark.django_db

ROUTE_SQL = '"url_path" IN'  # the routing query (home.routing)


def routing_queries(client, url, status=200):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == status, url
    return [q["sql"] for q in context.captured_queries if ROUTE_SQL in q["sql"]]


def legal_page(slug):
    return Page.objects.get(url_path=f"/accueil/{slug}/", locale__language_code="fr")


def test_a_page_s_address_is_routed_once_per_content_generation(client, memo):
    fiche = FichePage.objects.filter(locale__language_code="fr").order_by("path").first()
    assert routing_queries(client, fiche.url)
    assert routing_queries(client, fiche.url) == []
    first = client.get(fiche.url).content.decode()
    assert fiche.title in first
    # Its translations (language switcher, hreflang) are kept with it.
    assert 'hreflang="en"' in first
    # A publication elsewhere starts a new generation: routed from the database again.
    legal_page("mentions-legales").specific.save_revision().publish()
    assert routing_queries(client, fiche.url)


def test_a_renamed_page_answers_at_its_new_address_only(client, memo):
    page = legal_page("mentions-legales").specific
    client.get("/mentions-legales/")
    assert routing_queries(client, "/mentions-legales/") == []  # kept
    page.slug = "mentions"
    page.save_revision().publish()
    assert client.get("/mentions-legales/").status_code == 404
    assert client.get("/mentions/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, memo):
    page = legal_page("mentions-legales").specific
    client.get("/mentions-legales/")
    assert routing_queries(client, "/mentions-legales/") == []
    page.unpublish()
    assert client.get("/mentions-legales/").status_code == 404


def test_a_page_made_private_is_refused_to_visitors_at_once(client, memo):
    page = legal_page("mentions-legales")
    client.get("/mentions-legales/")
    assert routing_queries(client, "/mentions-legales/") == []
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/mentions-legales/")
    assert response.status_code == 302
    assert "/mentions-legales/" in response["Location"]


def test_events_sub_routes_and_unknown_addresses_are_not_kept(client, memo):
    from agenda.models import EventPage
    from partners.models import Partner

    event = EventPage.objects.live().filter(locale__language_code="fr").first()
    partner = Partner.objects.live().filter(locale__language_code="fr").first()
    for url, status in [
        (event.url, 200),  # thousands of events: not kept
        (partner.get_url(), 200),  # a sub-route of the directory
        ("/agenda/mois/", 200),
        ("/fiches/nexiste-pas/", 404),
        ("/mentions-legales/nexiste-pas/", 404),
    ]:
        assert routing_queries(client, url, status), url
        assert routing_queries(client, url, status), url


@pytest.mark.parametrize(
    "path",
    [
        "/" + "é" * 3000 + "/",
        "/fiches/%20 %09x/",
        "/mentions-legales/" + "a/" * 200,
        "/fiches/%00/",
        "/agenda/%F0%9F%8C%B1/",
    ],
)
def test_odd_addresses_are_not_found_never_an_error(client, memo, path):
    assert client.get(path).status_code == 404
    assert client.get(path).status_code == 404
