"""The concours pages as the public sees them, their rules in the tree, and the loader."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Page, Revision

from concours.models import ConcoursEditionPage, ConcoursIndexPage, KeyDate, Laureate
from fiches.models import FicheIndexPage
from home.models import HomePage, LegalPage

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def test_the_loader_creates_the_index_and_the_current_edition(client):
    index = ConcoursIndexPage.objects.get(locale__language_code="fr")
    assert index.url == "/concours/" and index.live and index.show_in_menus
    edition = ConcoursEditionPage.objects.get(locale__language_code="fr")
    assert edition.year == 2026 and edition.url == "/concours/2026/"
    assert edition.get_parent().pk == index.pk
    assert [block.value["title"] for block in edition.criteria] == [
        "Représenter les valeurs de l’économie sociale et solidaire",
        "Chercher à atteindre un objectif clairement identifié",
        "Avoir des finances équilibrées",
    ]
    assert [value for value, _label, _description in edition.categories] == ["realisation", "emergence"]
    assert (edition.applications_open, edition.applications_close) == (date(2026, 10, 1), date(2027, 1, 31))
    assert not edition.laureates.exists()
    assert "Le concours bourguignon de l’ESS" in text(client.get("/"))  # in the main navigation


def test_the_demo_adds_a_past_edition_with_example_laureates(client, django_capture_on_commit_callbacks):
    # wagtail-localize publishes translations on commit.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_predess", "--demo", verbosity=0)
    demo = ConcoursEditionPage.objects.get(year=2025, locale__language_code="fr")
    assert "exemple" in demo.title.lower()
    laureates = list(demo.laureates.all())
    assert len(laureates) == 2
    assert all(laureate.structure_name.startswith("Exemple") for laureate in laureates)
    page_text = text(client.get(demo.url))
    assert "Les lauréats" in page_text and "Exemple : Ressourcerie des Trois Rivières" in page_text
    assert "sont fictifs" in page_text
    index_text = text(client.get("/concours/"))
    assert "Les éditions précédentes" in index_text and demo.title in index_text
    # And again: nothing duplicated, no new revision.
    pages, revisions = Page.objects.count(), Revision.objects.count()
    call_command("load_predess", "--demo", verbosity=0)
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert Laureate.objects.count() == 4  # 2 in French, 2 in English
    english = demo.get_translation(demo.locale.__class__.objects.get(language_code="en"))
    assert english.title == "Bourgogne SSE competition 2025 (example)"
    assert [laureate.structure_name for laureate in english.laureates.all()] == [
        "Example: Trois Rivières reuse centre",
        "Example: Paniers du Morvan cooperative",
    ]
    assert "Example: Trois Rivières reuse centre" in text(client.get(english.url))


def test_the_edition_page_shows_everything_the_plan_says(client, edition):
    response = client.get(edition.url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    for heading in ("Les dates clés", "Les critères de sélection", "Les catégories", "Les prix", "Le règlement"):
        assert heading in headings
    assert [li.get_text(" ", strip=True) for li in page.select("ol.criteria li")] == [
        "Représenter les valeurs de l’économie sociale et solidaire",
        "Chercher à atteindre un objectif clairement identifié",
        "Avoir des finances équilibrées",
    ]
    body = text(response)
    assert "Réalisation" in body and "Projet en émergence" in body
    assert "la fiche signalétique de la structure" in body
    times = {t["datetime"] for t in page.select(".key-dates time")}
    assert times == {d.isoformat() for d, _label in edition.key_dates()}
    assert "Les lauréats" not in headings


def test_laureates_appear_from_the_ceremony_day(client, edition):
    Laureate.objects.create(
        edition=edition,
        structure_name="Atelier Vélo",
        project_title="Réparer ensemble",
        category="emergence",
        prize="Prix",
    )
    assert "Atelier Vélo" not in text(client.get(edition.url))
    edition.jury_date = edition.applications_close = timezone.localdate()
    edition.ceremony_date = timezone.localdate()
    edition.save()
    assert "Atelier Vélo" in text(client.get(edition.url))


def test_a_laureate_in_the_directory_links_to_its_partner_page(client, edition):
    from partners.models import Partner

    partner = Partner.objects.live().filter(locale__language_code="fr").order_by("pk").first()
    today = timezone.localdate()
    edition.applications_open = today - timedelta(days=60)
    edition.applications_close = edition.jury_date = edition.ceremony_date = today - timedelta(days=1)
    edition.save()
    linked = Laureate.objects.create(
        edition=edition,
        structure_name=partner.name,
        project_title="Un projet primé",
        category="realisation",
        prize="Prix de la réalisation",
        partner=partner,
    )
    Laureate.objects.create(
        edition=edition, structure_name="Atelier Vélo", project_title="Réparer", category="emergence", prize="Prix"
    )
    page = BeautifulSoup(client.get(edition.url).content, "html.parser")
    cards = {card.h3.get_text(" ", strip=True): card for card in page.select(".laureate")}
    linked_card = next(card for title, card in cards.items() if partner.name in title)
    assert linked_card.h3.a["href"] == f"/partenaires/{partner.slug}/"
    assert client.get(linked_card.h3.a["href"]).status_code == 200
    other = next(card for title, card in cards.items() if "Atelier Vélo" in title)
    assert other.find("a") is None
    # In English, the link goes to the English directory.
    with translation.override("en"):
        english_laureates = edition.announced_laureates()
    assert [laureate.partner_url for laureate in english_laureates if laureate.pk == linked.pk] == [
        f"/en/partners/{partner.slug}/"
    ]
    # A partner taken off the site is no longer linked.
    partner.live = False
    partner.save()
    page = BeautifulSoup(client.get(edition.url).content, "html.parser")
    assert not page.select(f'.laureate a[href="/partenaires/{partner.slug}/"]')


def test_key_dates_for_the_agenda(edition):
    dates = edition.key_dates()
    assert [kd.date for kd in dates] == sorted(
        [edition.applications_open, edition.applications_close, edition.jury_date, edition.ceremony_date]
    )
    assert all(isinstance(kd, KeyDate) and isinstance(kd, tuple) for kd in dates)
    day, label = dates[0]
    assert day == edition.applications_open
    assert label == "Ouverture des candidatures au concours de l’ESS 2026"
    assert [kd.label for kd in dates][1:] == [
        "Clôture des candidatures au concours de l’ESS 2026",
        "Réunion du jury du concours de l’ESS 2026",
        "Remise des prix du concours de l’ESS 2026",
    ]
    edition.jury_date = edition.ceremony_date = None
    assert len(edition.key_dates()) == 2


def test_the_index_shows_the_newest_edition_first(client, edition):
    index = ConcoursIndexPage.objects.get(locale__language_code="fr")
    today = timezone.localdate()
    older = ConcoursEditionPage(
        title="Concours 2024",
        slug="2024",
        year=2024,
        applications_open=date(2024, 10, 1),
        applications_close=date(2025, 1, 31),
    )
    index.add_child(instance=older)
    page = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert page.find(id="edition-en-cours").get_text(strip=True) == edition.title
    archive = page.find(id="editions-precedentes").find_parent("section")
    assert "Concours 2024" in archive.get_text()
    assert edition.applications_open <= today


def test_page_rules():
    home = HomePage.objects.get(locale__language_code="fr")
    index = ConcoursIndexPage.objects.get(locale__language_code="fr")
    assert ConcoursIndexPage.allowed_parent_page_models() == [HomePage]
    assert not ConcoursIndexPage.can_create_at(home)  # one per home page
    assert ConcoursIndexPage.allowed_subpage_models() == [ConcoursEditionPage]
    assert ConcoursEditionPage.can_create_at(index)
    assert not ConcoursEditionPage.can_create_at(home)
    assert not ConcoursEditionPage.can_create_at(FicheIndexPage.objects.get(locale__language_code="fr"))
    assert ConcoursEditionPage.allowed_subpage_models() == []


def test_edition_dates_must_follow_each_other(edition):
    edition.applications_close = edition.applications_open - timedelta(days=1)
    edition.jury_date = edition.applications_close - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "La clôture des candidatures doit suivre leur ouverture." in error.value.message_dict["applications_close"]
    assert "Le jury se réunit après la clôture des candidatures." in error.value.message_dict["jury_date"]


def test_one_edition_per_year(edition):
    twin = ConcoursEditionPage(
        title="Doublon",
        slug="doublon",
        year=2026,
        applications_open=date(2026, 1, 1),
        applications_close=date(2026, 2, 1),
        locale=edition.locale,
    )
    with pytest.raises(ValidationError) as error:
        twin.clean()
    assert "Une édition 2026 existe déjà." in error.value.message_dict["year"]


def test_the_personal_data_page_states_the_retention_and_the_form_links_to_it(client, edition):
    privacy = LegalPage.objects.get(slug="donnees-personnelles")
    privacy_text = text(client.get(privacy.url))
    assert "concours" in privacy_text
    assert "conservés 3 ans après l’édition du concours" in privacy_text
    form = BeautifulSoup(client.get(edition.url + "deposer/").content, "html.parser")
    help_text = form.find(id="id_consent_helptext")
    assert "conservées 3 ans après l’édition du concours" in help_text.get_text()
    assert help_text.find("a")["href"] == privacy.url
    assert form.find(id="id_consent")["aria-describedby"] == "id_consent_helptext"


def test_applications_are_purged_three_years_after_their_edition(edition, submit, private_media):
    from freezegun import freeze_time

    from concours.models import Candidature

    assert submit().status_code == 302
    files = [p for p in private_media.rglob("*") if p.is_file()]
    assert len(files) == 2
    with freeze_time("2029-12-31 12:00"):
        call_command("purge_concours_applications", verbosity=0)
    assert Candidature.objects.count() == 1
    with freeze_time("2030-01-01 12:00"):
        call_command("purge_concours_applications", "--dry-run", verbosity=0)
        assert Candidature.objects.count() == 1
        call_command("purge_concours_applications", verbosity=0)
    assert not Candidature.objects.exists()
    assert not any(p.exists() for p in files)
