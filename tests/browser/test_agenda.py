"""The agenda in Chromium: axe-core finds nothing on the list (with a filter), the month
grid (with a busy day), an event page and the series page, at 1280 and 375 px; the filter
form and the month grid are usable with the keyboard alone; the filters work without
JavaScript."""

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


@pytest.fixture(scope="module", autouse=True)
def demo_events(manage):
    """The example events (current and next month) on the server's database."""
    manage("load_predess", "--demo")


@pytest.mark.parametrize("width", WIDTHS)
def test_agenda_list(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto("/agenda/").status == 200
    expect(page.locator("h1")).to_have_text("Agenda")
    expect(page.locator(".agenda-day").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/agenda/?mode=en-ligne&price=gratuit")
    expect(page.locator(".active-filters")).to_contain_text("En ligne")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_month_grid(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/agenda/mois/")
    expect(page.locator("table.month-grid caption")).to_be_visible()
    expect(page.locator('td[aria-current="date"]')).to_have_count(1)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Mois suivant").click()
    page.wait_for_load_state("load")
    expect(page.locator(".month-grid__events a").first).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_event_pages(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/agenda/exemple-conference-chalon/")
    expect(page.locator(".badge--example")).to_be_visible()
    expect(page.get_by_role("link", name="Ajouter à mon agenda")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/agenda/exemple-atelier-ardess-evenements/")
    expect(page.locator(".event__dates")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/agenda/exemple-rencontre-cigales-beaune/")
    expect(page.locator(".badge--cancelled")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_series_page(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto("/agenda/semaine-ess-2026/").status == 200
    assert_no_axe_violations(page)


def test_filter_form_with_the_keyboard_alone(page):
    page.goto("/agenda/")
    page.locator("#filter-category").focus()
    # Choose a département and a commune, then submit, with the keyboard only.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-departement":
            break
    assert page.evaluate("document.activeElement.id") == "filter-departement"
    page.keyboard.press("ArrowDown")  # Côte-d'Or (21)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-commune"
    page.keyboard.type("Dijon")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Afficher les événements":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "departement=21" in page.url and "commune=Dijon" in page.url
    expect(page.locator(".active-filters")).to_contain_text("Dijon")


def test_month_grid_with_the_keyboard(page):
    page.goto("/agenda/mois/")
    page.locator(".month-grid__scroll").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('table') !== null")
    links = page.locator(".month-grid a").count()
    assert focused or links == 0
    # The previous/next links are reachable too.
    page.get_by_role("link", name="Mois précédent").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/agenda/mois/" in page.url


def test_filters_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    page = context.new_page()
    try:
        page.goto("/agenda/")
        page.select_option("#filter-mode", "en-ligne")
        page.get_by_role("button", name="Afficher les événements").click()
        page.wait_for_load_state("load")
        assert "mode=en-ligne" in page.url
        expect(page.locator(".active-filters")).to_contain_text("En ligne")
    finally:
        context.close()


BUSY_DAY = """
import datetime as dt
from django.utils import timezone
from agenda.calendar import PARIS
from agenda.models import EventIndexPage, EventPage
agenda = EventIndexPage.objects.get(locale__language_code="fr")
# The 20th of the month after next: no example event (this month and the next) then.
day = (timezone.localdate().replace(day=1) + dt.timedelta(days=64)).replace(day=20)
for hour in range(9, 14):
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)
    event = EventPage(title=f"Journée chargée, {hour} h", slug=f"journee-chargee-{hour}", start=start,
                      end=start + dt.timedelta(hours=1), venue="Salle", commune="Dijon", departement="21")
    agenda.add_child(instance=event)
    event.save_revision().publish()
print(day.isoformat())
"""


def test_a_busy_day_of_the_grid_leads_to_its_dates_below(page, manage):
    """A day of five dates names three in its cell; its "+ 2 autres dates" link, read with
    the day's name, takes the keyboard to that day's heading in the list below."""
    day = manage("shell", "-c", BUSY_DAY).stdout.strip().splitlines()[-1]
    year, month, _day = day.split("-")
    page.goto(f"/agenda/mois/{year}/{month}/")
    cell = page.locator(f'td:has(time[datetime="{day}"])')
    expect(cell.locator(".month-grid__events li")).to_have_count(4)
    more = cell.locator(".month-grid__more a")
    expect(more).to_contain_text("+ 2 autres dates")
    assert_no_axe_violations(page)
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#day-{day}'")
    heading = page.locator(f"#day-{day}")
    expect(heading).to_be_in_viewport()
    expect(page.locator(f'section[aria-labelledby="day-{day}"] li')).to_have_count(5)
