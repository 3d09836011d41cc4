"""What the agenda keeps once per content generation (``PAGE_MEMO_SECONDS``, on in
production): the organisers and keywords offered by its filters and the number of dates
of a list. A published change must show at once."""

import pytest

from partners.models import Partner

from .conftest import soup, titles

pytestmark = pytest.mark.django_db


def options(client, name):
    return [o.get_text(strip=True) for o in soup(client.get("/agenda/")).select(f"select[name={name}] option")][1:]


def test_a_new_organiser_and_keyword_are_offered_as_soon_as_published(client, memo, make_event):
    cress = Partner.objects.get(slug="cress", locale__language_code="fr")
    before = options(client, "organiser")
    assert cress.name not in before
    assert "vélo" not in options(client, "tag")
    event = make_event("Balade à vélo", tags=["vélo"], organiser=cress)
    assert cress.name in options(client, "organiser")
    assert "vélo" in options(client, "tag")
    event.unpublish()
    assert options(client, "organiser") == before
    assert "vélo" not in options(client, "tag")


def test_the_selected_organiser_is_marked_in_the_form(client, memo, make_event):
    cress = Partner.objects.get(slug="cress", locale__language_code="fr")
    make_event("Forum de la CRESS", organiser=cress)
    page = soup(client.get("/agenda/", {"organiser": cress.slug}))
    selected = page.select("select[name=organiser] option[selected]")
    assert [o["value"] for o in selected] == [cress.slug]


def date_count(response):
    return int(soup(response).select_one(".result-count").get_text(strip=True).split()[0])


def test_the_number_of_dates_follows_every_change(client, memo, make_event, today):
    import datetime as dt

    before = date_count(client.get("/agenda/"))
    in_21 = date_count(client.get("/agenda/", {"departement": "21"}))
    in_58 = date_count(client.get("/agenda/", {"departement": "58"}))
    assert date_count(client.get("/agenda/")) == before  # kept
    event = make_event(
        "Ateliers comptés", day=today + dt.timedelta(days=1), recurrence="weekly", recurrence_count=3, departement="21"
    )
    response = client.get("/agenda/")
    assert date_count(response) == before + 3
    assert "Ateliers comptés" in titles(response)
    assert date_count(client.get("/agenda/", {"departement": "21"})) == in_21 + 3
    assert date_count(client.get("/agenda/", {"departement": "58"})) == in_58
    event.unpublish()
    assert date_count(client.get("/agenda/")) == before


def test_a_page_past_the_last_one_is_not_found_with_the_number_kept(client, memo):
    response = client.get("/agenda/")
    last = -(-date_count(response) // 20)
    assert client.get("/agenda/", {"page": last}).status_code == 200
    assert client.get("/agenda/", {"page": last + 1}).status_code == 404
    assert client.get("/agenda/", {"page": last + 1}).status_code == 404
