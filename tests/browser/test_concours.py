"""The concours in Chromium: filing an application by keyboard, with real files, and
axe-core on the edition page, the form (empty and with its errors) and the receipt."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.concours.files import PDF_BYTES, PNG_BYTES, odt_bytes

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]
EDITION = "/concours/2026/"
FORM = EDITION + "deposer/"


@pytest.fixture(scope="module")
def open_edition(site_url, manage):
    """The loaded 2026 edition, its applications open on the day the tests run."""
    today = timezone.localdate()
    dates = {
        "applications_open": today - timedelta(days=30),
        "applications_close": today + timedelta(days=30),
        "jury_date": today + timedelta(days=60),
        "ceremony_date": today + timedelta(days=90),
    }
    assignments = "; ".join(f"page.{name} = date.fromisoformat('{value.isoformat()}')" for name, value in dates.items())
    manage(
        "shell",
        "-c",
        "from datetime import date; from concours.models import ConcoursEditionPage; "
        f"page = ConcoursEditionPage.objects.get(year=2026, locale__language_code='fr'); {assignments}; page.save()",
    )
    return EDITION


@pytest.fixture
def documents(tmp_path):
    """Small real files on disk, as a person would pick them."""
    fiche = tmp_path / "fiche-signaletique.pdf"
    fiche.write_bytes(PDF_BYTES)
    presentation = tmp_path / "presentation-du-projet.odt"
    presentation.write_bytes(odt_bytes())
    photo = tmp_path / "photo.pdf"  # a PNG wearing a .pdf name
    photo.write_bytes(PNG_BYTES)
    return {"fiche": fiche, "presentation": presentation, "photo": photo}


def type_into(page, selector, text):
    """Reach the field with the keyboard, as a person would, then type."""
    page.focus(selector)
    page.keyboard.type(text)


def tab_to(page, selector, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement === document.querySelector(sel)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.mark.parametrize("width", WIDTHS)
def test_application_journey_by_keyboard(page, open_edition, documents, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(EDITION)
    assert_no_axe_violations(page)

    # From the edition page to the form, by keyboard.
    tab_to(page, f"main a[href='{FORM}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{FORM}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Déposer un dossier")

    # The structure: Tab moves from one field to the next in reading order.
    type_into(page, "#id_structure_name", "Les Jardins partagés de la Saône")
    page.keyboard.press("Tab")
    page.keyboard.press("a")  # "Association" in the focused <select>
    expect(page.locator("#id_legal_form")).to_have_value("association")
    page.keyboard.press("Tab")
    page.keyboard.type("123 456 789 00015")
    page.keyboard.press("Tab")
    page.keyboard.type("12 rue des Tilleuls")
    page.keyboard.press("Tab")
    page.keyboard.type("71100")
    page.keyboard.press("Tab")
    page.keyboard.type("Chalon-sur-Saône")
    page.select_option("#id_departement", "71")
    # The contact.
    type_into(page, "#id_contact_first_name", "Camille")
    page.keyboard.press("Tab")
    page.keyboard.type("Durand")
    page.keyboard.press("Tab")
    page.keyboard.type("camille.durand@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("06 12 34 56 78")
    # The project: a radio button chosen with the space bar.
    page.focus("#id_category_0")
    page.keyboard.press("Space")
    expect(page.locator("#id_category_0")).to_be_checked()
    type_into(page, "#id_project_title", f"Un jardin d’insertion ({width} px)")
    page.keyboard.press("Tab")
    page.keyboard.type("Un jardin cultivé par des personnes en parcours d’insertion.")
    page.keyboard.press("Tab")
    page.keyboard.type("Créer quatre emplois d’insertion en deux ans.")
    page.keyboard.press("Tab")
    page.keyboard.type("25 000")
    page.keyboard.press("Tab")
    page.keyboard.type("5 000,50")
    page.keyboard.press("Tab")
    page.keyboard.type("8000")
    # The documents (a file picker cannot be driven by keyboard in a headless browser).
    page.set_input_files("#id_fiche_signaletique", documents["fiche"])
    page.set_input_files("#id_dossier_presentation", documents["presentation"])
    page.focus("#id_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    # On to the button; the honeypot is never reached with Tab.
    visited = []
    for _ in range(5):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
        if page.evaluate("document.activeElement.matches('form.application-form button[type=submit]')"):
            break
    else:
        pytest.fail(f"Tab never reached the submit button: {visited}")
    assert "id_website" not in visited, visited
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/concours/2026/recu/C2026-\d{6}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre dossier est bien reçu")
    reference = page.locator(".receipt__number").inner_text().strip()
    assert re.fullmatch(r"C2026-\d{6}", reference), reference
    assert reference in page.url
    expect(page.locator("main")).to_contain_text("presentation-du-projet.odt")
    expect(page.locator("main")).to_contain_text("Un courriel de confirmation avec cette référence a été envoyé")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_empty_form_has_no_axe_violations(page, open_edition, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(FORM)
    expect(page.locator("form.application-form")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_errors_are_summarised_focused_and_linked_to_their_fields(page, open_edition, documents, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(FORM)
    page.fill("#id_structure_name", "Les Jardins partagés de la Saône")
    page.fill("#id_siret", "12345678900016")  # wrong key
    page.set_input_files("#id_fiche_signaletique", documents["photo"])
    page.locator("form.application-form button[type=submit]").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Erreur :")
    expect(summary).to_contain_text("Ce numéro SIRET n’existe pas")
    expect(summary).to_contain_text("« photo.pdf » n’est pas un document PDF, ODT ou DOCX")
    # The field keeps what was typed and names its error.
    siret = page.locator("#id_siret")
    expect(siret).to_have_value("12345678900016")
    expect(siret).to_have_attribute("aria-invalid", "true")
    expect(siret).to_have_attribute("aria-describedby", "id_siret_helptext id_siret_error")
    expect(page.locator("#id_siret_error")).to_contain_text("clé de contrôle")
    assert_no_axe_violations(page)

    # A link of the summary takes the focus to its field.
    summary.get_by_role("link", name=re.compile("Numéro SIRET")).click()
    expect(siret).to_be_focused()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_concours_index_has_no_axe_violations(page, open_edition, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/concours/")
    expect(page.get_by_role("link", name=re.compile("Déposer un dossier"))).to_be_visible()
    assert_no_axe_violations(page)
