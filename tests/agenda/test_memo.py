"""What the agenda keeps once per content generation (``PAGE_MEMO_SECONDS``, on in
production): the organisers and keywords offered by its filters, the number of dates of a
list, the next dates shown on the home page and on an organiser's page. A published
change must show at once, and the day's turn too."""

import datetime as dt

import pytest
from freezegun import freeze_time

from agenda.calendar import PARIS
from agenda.choices import EventStatus
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


def test_a_new_or_renamed_category_is_offered_as_soon_as_saved(client, memo, category):
    from agenda.models import EventCategory

    before = options(client, "category")
    assert options(client, "category") == before  # kept
    french = category(EventCategory.objects.filter(locale__language_code="fr").first().slug).locale
    EventCategory.objects.create(name="Vélo solidaire", slug="velo-solidaire", locale=french)
    assert "Vélo solidaire" in options(client, "category")
    renamed = category("velo-solidaire")
    renamed.name = "Mobilité solidaire"
    renamed.save()
    offered = options(client, "category")
    assert "Mobilité solidaire" in offered
    assert "Vélo solidaire" not in offered


def test_the_selected_organiser_is_marked_in_the_form(client, memo, make_event):
    cress = Partner.objects.get(slug="cress", locale__language_code="fr")
    make_event("Forum de la CRESS", organiser=cress)
    page = soup(client.get("/agenda/", {"organiser": cress.slug}))
    selected = page.select("select[name=organiser] option[selected]")
    assert [o["value"] for o in selected] == [cress.slug]


def date_count(response):
    return int(soup(response).select_one(".result-count").get_text(strip=True).split()[0])


def test_the_number_of_dates_follows_every_change(client, memo, make_event, today):
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


def block_titles(response, section):
    block = soup(response).select_one(section)
    return [a.get_text(strip=True) for a in block.select("li a")] if block else []


PARTNER_BLOCK = "section[aria-labelledby='partner-events']"


def test_a_partner_page_s_next_dates_follow_every_change_and_the_day(client, memo, make_event, today):
    partner = Partner.objects.get(slug="cress", locale__language_code="fr")
    url = partner.get_url()
    assert block_titles(client.get(url), PARTNER_BLOCK) == []
    tomorrow = make_event("Forum de demain", day=today + dt.timedelta(days=1), organiser=partner)
    later = make_event("Forum de la semaine", day=today + dt.timedelta(days=5), organiser=partner)
    assert block_titles(client.get(url), PARTNER_BLOCK) == ["Forum de demain", "Forum de la semaine"]
    later.title = "Forum de la semaine prochaine"
    later.save_revision().publish()
    assert block_titles(client.get(url), PARTNER_BLOCK) == ["Forum de demain", "Forum de la semaine prochaine"]
    tomorrow.unpublish()
    assert block_titles(client.get(url), PARTNER_BLOCK) == ["Forum de la semaine prochaine"]
    tomorrow.save_revision().publish()
    # With no content change, the block follows the day: kept at two minutes to midnight
    # of the forum's day, it is read again two minutes later (well within the memo's time).
    forum_day = today + dt.timedelta(days=1)
    with freeze_time(dt.datetime.combine(forum_day, dt.time(23, 58), tzinfo=PARIS)):
        assert block_titles(client.get(url), PARTNER_BLOCK) == ["Forum de demain", "Forum de la semaine prochaine"]
    with freeze_time(dt.datetime.combine(forum_day + dt.timedelta(days=1), dt.time(0, 0, 30), tzinfo=PARIS)):
        assert block_titles(client.get(url), PARTNER_BLOCK) == ["Forum de la semaine prochaine"]


def test_the_home_page_s_next_dates_follow_a_cancellation(client, memo, make_event, today):
    event = make_event("Rencontre inaugurale", day=today)
    home = client.get("/")
    assert "Rencontre inaugurale" in home.content.decode()
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    assert "Rencontre inaugurale" not in client.get("/").content.decode()
