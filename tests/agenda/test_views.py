"""The agenda as a visitor sees it: the list by day, each filter and their combination,
the month grid, the archive, the series, odd query strings, English."""

import datetime as dt

import pytest
from django.utils.formats import date_format

from partners.models import Partner

from .conftest import at, soup, titles

pytestmark = pytest.mark.django_db


def test_list_groups_upcoming_events_by_day(client, make_event, today):
    later = today + dt.timedelta(days=10)
    make_event("Forum de l’emploi solidaire", day=later, hour=9)
    make_event("Conférence du soir", day=later, hour=18)
    make_event("Petit déjeuner équitable", day=today + dt.timedelta(days=2))
    make_event("Rencontre passée", day=today - dt.timedelta(days=5))
    response = client.get("/agenda/")
    assert response.status_code == 200
    page = soup(response)
    days = page.select(".agenda-day")
    headings = [day.select_one("h3 time")["datetime"] for day in days]
    assert headings == sorted(headings)
    by_day = {
        day.select_one("h3 time")["datetime"]: [a.get_text() for a in day.select(".event-card__title a")]
        for day in days
    }
    assert by_day[later.isoformat()][-2:] == ["Forum de l’emploi solidaire", "Conférence du soir"]
    assert "Rencontre passée" not in titles(response)
    assert page.select_one("h1").get_text() == "Agenda"


def test_each_filter_alone_and_combined(client, make_event, today):
    cress = Partner.objects.get(slug="cress", locale__language_code="fr")
    make_event("A Dijon gratuit", categories=["formation"], tags=["vélo"], organiser=cress, is_free=True)
    make_event(
        "B Nevers payant", commune="Nevers", departement="58", categories=["conference"], is_free=False, price="10 €"
    )
    make_event(
        "C en ligne",
        attendance_mode="online",
        online_url="https://example.org/",
        venue="",
        commune="",
        departement="",
        categories=["formation"],
    )
    make_event("D Dijon plus tard", day=today + dt.timedelta(days=40), categories=["formation"])

    def shown(query):
        response = client.get(f"/agenda/?{query}")
        assert response.status_code == 200, query
        return {t for t in titles(response) if t[:2] in {"A ", "B ", "C ", "D "}}

    assert shown("category=formation") == {"A Dijon gratuit", "C en ligne", "D Dijon plus tard"}
    assert shown("departement=58") == {"B Nevers payant"}
    assert shown("commune=dijon") == {"A Dijon gratuit", "D Dijon plus tard"}
    assert shown("organiser=cress") == {"A Dijon gratuit"}
    assert shown("price=payant") == {"B Nevers payant"}
    assert shown("price=gratuit") == {"A Dijon gratuit", "C en ligne", "D Dijon plus tard"}
    assert shown("mode=en-ligne") == {"C en ligne"}
    assert shown("mode=sur-place") == {"A Dijon gratuit", "B Nevers payant", "D Dijon plus tard"}
    assert shown("tag=v%C3%A9lo") == {"A Dijon gratuit"}
    until = (today + dt.timedelta(days=20)).isoformat()
    assert shown(f"to={until}") == {"A Dijon gratuit", "B Nevers payant", "C en ligne"}
    since = (today + dt.timedelta(days=30)).isoformat()
    assert shown(f"from={since}") == {"D Dijon plus tard"}
    # Combined (AND).
    assert shown(f"category=formation&departement=21&to={until}") == {"A Dijon gratuit"}
    assert shown("category=formation&mode=en-ligne&price=gratuit") == {"C en ligne"}
    assert shown("category=conference&departement=21") == set()


def test_the_form_keeps_the_filters_and_offers_to_remove_them(client, make_event):
    make_event("Atelier filtré", categories=["formation"])
    page = soup(client.get("/agenda/?category=formation&departement=21"))
    assert page.select_one("#filter-category option[selected]")["value"] == "formation"
    assert page.select_one("#filter-departement option[selected]")["value"] == "21"
    assert page.select_one("form.agenda-form")["method"] == "get"
    removals = [a["href"] for a in page.select(".active-filters a")]
    assert "?departement=21" in removals and "?category=formation" in removals
    # The feed of this view keeps the filters.
    ical = next(a["href"] for a in page.select(".open-data a") if "ical" in a["href"])
    assert "category=formation" in ical and "departement=21" in ical


@pytest.mark.parametrize(
    "query",
    [
        "category=inconnue",
        "departement=99",
        "from=2026-13-45",
        "from=demain&to=hier",
        "to=0000-00-00",
        "from=9999-01-01",
        "page=abc",
        "page=-3",
        "organiser=%00",
        "tag=" + "x" * 500,
        "mode=lune&price=cher",
        "commune=" + "é" * 300,
        "format=xml",
        "category=formation&category=conference",
    ],
)
def test_odd_query_strings_never_fail(client, query):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200, query
    assert client.get(f"/agenda/mois/2026/11/?{query}").status_code == 200
    assert client.get(f"/agenda/ical/?{query}").status_code == 200
    assert client.get(f"/agenda/rss/?{query}").status_code == 200
    assert client.get(f"/agenda/archives/?{query}").status_code == 200


def test_bad_dates_are_said_and_ignored(client):
    page = soup(client.get("/agenda/?from=2026-02-30"))
    assert "n’est pas une date valide" in page.select_one(".form-errors").get_text()


@pytest.mark.parametrize(
    "path",
    [
        "/agenda/mois/2026/13/",
        "/agenda/mois/2026/0/",
        "/agenda/mois/0999/01/",
        "/agenda/mois/2200/01/",
        "/agenda/?page=999",
    ],
)
def test_pages_that_do_not_exist_are_404(client, path):
    assert client.get(path).status_code == 404


def test_ical_with_a_bad_month_is_404(client):
    assert client.get("/agenda/ical/?month=2026-13").status_code == 404
    assert client.get("/agenda/ical/?month=abc").status_code == 404


def test_month_grid_is_an_accessible_table(client, make_event, today):
    make_event("Atelier du mois", day=today)
    response = client.get("/agenda/mois/")
    assert response.status_code == 200
    assert client.get(f"/agenda/mois/{today.year}/{today.month:02d}/").content == response.content
    page = soup(response)
    table = page.select_one("table.month-grid")
    assert table.select_one("caption").get_text(strip=True)
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 7
    current = table.select('td[aria-current="date"]')
    assert len(current) == 1
    assert current[0].select_one("time")["datetime"] == today.isoformat()
    assert "Atelier du mois" in current[0].get_text()
    assert len(table.select("tbody tr")) in (4, 5, 6)


def test_month_navigation_across_the_year_boundary(client, make_event):
    make_event("Réveillon solidaire", start=at(dt.date(2026, 12, 31), 20), end=at(dt.date(2027, 1, 1), 2))
    page = soup(client.get("/agenda/mois/2026/12/?departement=21"))
    assert page.select_one('a[rel="next"]')["href"] == "/agenda/mois/2027/01/?departement=21"
    assert page.select_one('a[rel="prev"]')["href"] == "/agenda/mois/2026/11/?departement=21"
    assert "Réveillon solidaire" in page.select_one("table.month-grid").get_text()
    january = soup(client.get("/agenda/mois/2027/01/"))
    assert january.select_one('a[rel="prev"]')["href"] == "/agenda/mois/2026/12/"
    # The event that runs past midnight also shows on 1 January.
    first = january.select_one('td time[datetime="2027-01-01"]').find_parent("td")
    assert "Réveillon solidaire" in first.get_text()
    # No "today" outside the current month.
    assert not january.select('td[aria-current="date"]') or dt.date.today().month == 1


def test_month_grid_across_dst(client, make_event):
    make_event("Atelier hebdomadaire", start=at(dt.date(2026, 10, 20), 14), recurrence="weekly", recurrence_count=3)
    page = soup(client.get("/agenda/mois/2026/10/"))
    cells = {td.select_one("time")["datetime"]: td.get_text(" ", strip=True) for td in page.select("td")}
    assert "14:00 Atelier hebdomadaire" in cells["2026-10-20"]
    assert "14:00 Atelier hebdomadaire" in cells["2026-10-27"]
    november = soup(client.get("/agenda/mois/2026/11/"))
    cells = {td.select_one("time")["datetime"]: td.get_text(" ", strip=True) for td in november.select("td")}
    assert "14:00 Atelier hebdomadaire" in cells["2026-11-03"]


def test_archive_shows_past_events_most_recent_first(client, make_event, today):
    make_event("Assemblée passée", day=today - dt.timedelta(days=3))
    make_event("Colloque ancien", day=today - dt.timedelta(days=300))
    make_event("Forum à venir", day=today + dt.timedelta(days=3))
    response = client.get("/agenda/archives/")
    shown = titles(response)
    assert shown.index("Assemblée passée") < shown.index("Colloque ancien")
    assert "Forum à venir" not in shown


def test_recurring_event_shows_on_each_date_and_a_cancelled_session(client, make_event, today):
    from agenda.models import EventCancelledDate

    first = today + dt.timedelta(days=1)
    event = make_event("Atelier ARDESS", day=first, recurrence="weekly", recurrence_count=3)
    event.cancelled_dates = [EventCancelledDate(date=first + dt.timedelta(days=7), reason="Férié")]
    event.save_revision().publish()
    page = soup(client.get("/agenda/"))
    cards = [c for c in page.select(".event-card") if "Atelier ARDESS" in c.get_text()]
    assert len(cards) == 3
    assert ["event-card--cancelled" in c["class"] for c in cards] == [False, True, False]
    assert "Annulé" in cards[1].get_text()


def test_cancelled_and_postponed_events_stay_visible(client, make_event):
    make_event("Rencontre annulée", status="cancelled")
    make_event("Rencontre reportée", status="postponed")
    page = soup(client.get("/agenda/"))
    texts = {c.select_one(".event-card__title").get_text(strip=True): c.get_text() for c in page.select(".event-card")}
    assert "Annulé" in texts["Rencontre annulée"]
    assert "Reporté" in texts["Rencontre reportée"]


def test_drafts_are_not_shown(client, make_event):
    make_event("Brouillon secret", live=False)
    assert "Brouillon secret" not in titles(client.get("/agenda/"))


def test_series_lists_its_events_by_day(client, make_event, agenda):
    from agenda.models import EventSeriesPage

    series = EventSeriesPage.objects.get(slug="semaine-ess-2026", locale__language_code="fr")
    make_event("Portes ouvertes de la semaine", start=at(dt.date(2026, 11, 18), 10), series=series)
    make_event("Hors de la semaine", start=at(dt.date(2026, 11, 19), 10))
    response = client.get(series.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").get_text() == "Semaine de l’ESS 2026"
    assert "1 novembre" in page.select_one(".lead").get_text()
    assert titles(response) == ["Portes ouvertes de la semaine"]
    assert page.select_one(".agenda-day time")["datetime"] == "2026-11-18"


def test_english_agenda(client, make_event):
    response = client.get("/en/agenda/")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("html")["lang"] == "en"
    assert page.select_one("h1").get_text() == "Events"
    assert "Upcoming events" in page.get_text()
    assert client.get("/en/agenda/mois/2026/11/").status_code == 200
    assert client.get("/en/agenda/semaine-ess-2026/").status_code == 200


def test_month_grid_is_bounded_to_two_years_around_today(client, today):
    last = f"/agenda/mois/{today.year + 2}/12/"
    assert client.get(last).status_code == 200
    assert not soup(client.get(last)).select('a[rel="next"]')
    assert client.get(f"/agenda/mois/{today.year + 3}/01/").status_code == 404
    assert client.get(f"/agenda/mois/{today.year - 3}/12/").status_code == 404


def test_month_lists_each_date_briefly_and_links_to_the_detailed_list(client, make_event, today):
    first = today + dt.timedelta(days=1)
    make_event("Atelier compté", day=first, recurrence="daily", recurrence_count=2, commune="Auxerre")
    month = soup(client.get(f"/agenda/mois/{first.year}/{first.month:02d}/"))
    lines = [li.get_text(" ", strip=True) for li in month.select(".agenda-day__list li")]
    items = [line for line in lines if "Atelier compté" in line]
    assert len(items) == (2 if (first + dt.timedelta(days=1)).month == first.month else 1)
    assert all("Auxerre" in item and "14:00" in item for item in items)
    link = month.find("a", string=lambda text: text and "liste détaillée" in text)
    detailed = client.get(link["href"])
    assert "Atelier compté" in titles(detailed)
    past = soup(client.get(f"/agenda/mois/{today.year - 1}/{today.month:02d}/"))
    assert not past.find("a", string=lambda text: text and "liste détaillée" in text)


def grid_cell(month, day):
    cells = month.select("table.month-grid td")
    return next(td for td in cells if td.select_one("time")["datetime"] == day.isoformat())


def test_a_busy_day_names_three_dates_in_its_cell_and_links_to_the_others(client, make_event, today):
    day = today + dt.timedelta(days=1)
    for hour in range(9, 15):  # six dates that day
        make_event(f"Atelier de {hour} h", day=day, hour=hour)
    month = soup(client.get(f"/agenda/mois/{day.year}/{day.month:02d}/"))
    cell = grid_cell(month, day)
    assert [a.get_text(" ", strip=True) for a in cell.select("li:not(.month-grid__more) a")] == [
        "09:00 Atelier de 9 h",
        "10:00 Atelier de 10 h",
        "11:00 Atelier de 11 h",
    ]
    more = cell.select_one(".month-grid__more a")
    assert more.get_text(" ", strip=True) == f"+ 3 autres dates le {date_format(day, 'l j F')}"
    # The link leads to the day's heading in the list below, which names all six.
    heading = month.find(id=more["href"][1:])
    assert heading is not None
    listed = heading.find_parent("section").select(".agenda-day__list li a")
    assert [a.get_text(strip=True) for a in listed] == [f"Atelier de {hour} h" for hour in range(9, 15)]
    # A day with three dates or fewer names them all, with no link.
    quiet = day + dt.timedelta(days=1)
    make_event("Seul atelier", day=quiet)
    month = soup(client.get(f"/agenda/mois/{quiet.year}/{quiet.month:02d}/"))
    cell = grid_cell(month, quiet)
    assert "Seul atelier" in cell.get_text()
    assert cell.select_one(".month-grid__more") is None
