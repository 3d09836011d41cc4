"""The ARDESS participants' space in Chromium: log in, read a workshop, download a
document, log out; reset a forgotten password; axe-core on every page of the journey."""

import re
import textwrap
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]
PASSWORD = "motdepasse-solide-42"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DOCUMENT_TITLE = "Planning des séances 2026"
WORKSHOP_SLUG = "finances-solidaires"
WORKSHOP_TITLE = "Les finances solidaires"


def shell(manage, code):
    """Run Python in ``manage.py shell`` against the server's database; return the last line."""
    result = manage("shell", "-c", textwrap.dedent(code))
    return result.stdout.strip().splitlines()[-1]


def create_participant(manage, username):
    shell(
        manage,
        f"""
        from django.contrib.auth.models import Group, User
        user, _ = User.objects.get_or_create(username={username!r}, defaults={{"email": "{username}@example.org"}})
        user.set_password({PASSWORD!r})
        user.is_active = True
        user.save()
        user.groups.set([Group.objects.get(name="Participants ARDESS")])
        print("ok")
        """,
    )


@pytest.fixture(scope="module")
def ardess(site_url, manage):
    """A participant, and a private document on the "finances solidaires" workshop page."""
    create_participant(manage, "participante")
    workshop_url = shell(
        manage,
        f"""
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model
        from wagtail.models import Collection
        from ardess.models import ArdessWorkshopPage

        Document = get_document_model()
        document = Document.objects.filter(title={DOCUMENT_TITLE!r}).first()
        if document is None:
            document = Document(title={DOCUMENT_TITLE!r}, collection=Collection.objects.get(name="ARDESS"))
            document.file.save("planning-2026.pdf", ContentFile({PDF_BYTES!r}), save=False)
            document._set_document_file_metadata()
            document.save()
        workshop = ArdessWorkshopPage.objects.get(slug={WORKSHOP_SLUG!r})
        workshop.documents = [
            {{"type": "document", "value": {{"document": document.pk, "title": "", "description": "Dates et lieux."}}}}
        ]
        workshop.schedule = [
            {{"type": "session", "value": {{"date": "2099-03-12", "start": "14:00", "end": "16:30",
                                          "place": "Conseil régional, Dijon", "topic": "Bilan"}}}}
        ]
        workshop.save_revision().publish()
        print(workshop.url)
        """,
    )
    return {"username": "participante", "workshop_url": workshop_url}


def log_in(page, username, password=PASSWORD):
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_login_workshop_download_logout(page, ardess, tmp_path):
    page.goto("/ardess/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Les ARDESS")
    page.get_by_role("link", name="Espace participants", exact=True).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/connexion/\?next=/ardess/espace-participants/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à l’espace participants")

    log_in(page, ardess["username"])
    expect(page).to_have_url(re.compile(r"/ardess/espace-participants/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace participants")
    expect(page.get_by_text("Connecté(e) : participante")).to_be_visible()

    page.get_by_role("link", name=WORKSHOP_TITLE).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(re.escape(ardess["workshop_url"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(WORKSHOP_TITLE)
    expect(page.get_by_text("jeudi 12 mars 2099")).to_be_visible()

    link = page.get_by_role("link", name=re.compile(DOCUMENT_TITLE))
    expect(link).to_contain_text("(PDF, ")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "planning-2026.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert Path(saved).read_bytes() == PDF_BYTES
    document_url = link.get_attribute("href")

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes déconnecté(e)")

    # Logged out: the workshop and the document lead to the login page again.
    for url in (ardess["workshop_url"], document_url):
        response = page.goto(url)
        assert response.status == 200
        expect(page).to_have_url(re.compile(r"/connexion/\?next="))


def test_wrong_password_is_announced(page, ardess):
    page.goto("/connexion/")
    log_in(page, ardess["username"], "pas-le-bon-mot-de-passe")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Identifiant ou mot de passe incorrect")
    expect(page).to_have_title(re.compile(r"^Erreur : "))


def reset_link(manage, username):
    return shell(
        manage,
        f"""
        from django.contrib.auth.models import User
        from django.contrib.auth.tokens import default_token_generator
        from django.urls import reverse
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode
        user = User.objects.get(username={username!r})
        print(reverse("password_reset_confirm", args=(urlsafe_base64_encode(force_bytes(user.pk)),
                                                      default_token_generator.make_token(user))))
        """,
    )


def test_password_reset_pages(page, manage, ardess):
    create_participant(manage, "oublieuse")
    page.goto("/connexion/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe oublié")
    page.get_by_label("Adresse électronique").fill("oublieuse@example.org")
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre messagerie")

    # The e-mail itself is checked in tests/ardess/test_auth.py; here, the link it carries.
    page.goto(reset_link(manage, "oublieuse"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisir un nouveau mot de passe")
    new_password = "un-nouveau-mot-de-passe-2026"
    page.get_by_label("Nouveau mot de passe", exact=True).fill(new_password)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(new_password)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe enregistré")

    page.get_by_role("link", name="Se connecter").click()
    page.wait_for_load_state()
    log_in(page, "oublieuse", new_password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace participants")


# --- axe-core ---------------------------------------------------------------------------


def open_login_with_errors(page, manage):
    page.goto("/connexion/")
    log_in(page, "personne-inconnue", "pas-le-bon-mot-de-passe")
    expect(page.get_by_role("alert")).to_be_visible()


def open_login_with_empty_fields(page, manage):
    page.goto("/connexion/")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()


def open_workshop(page, manage, ardess):
    page.goto("/connexion/?next=" + ardess["workshop_url"])
    log_in(page, ardess["username"])
    expect(page.get_by_role("link", name=re.compile(DOCUMENT_TITLE))).to_be_visible()


def open_space(page, manage, ardess):
    page.goto("/connexion/?next=/ardess/espace-participants/")
    log_in(page, ardess["username"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace participants")


def open_reset_done(page, manage):
    page.goto("/mot-de-passe/oublie/")
    page.get_by_label("Adresse électronique").fill("personne@example.org")
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre messagerie")


def open_reset_with_errors(page, manage):
    page.goto("/mot-de-passe/oublie/")
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()


def open_new_password(page, manage):
    create_participant(manage, "axe-reset")
    page.goto(reset_link(manage, "axe-reset"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisir un nouveau mot de passe")


def open_new_password_with_errors(page, manage):
    open_new_password(page, manage)
    page.get_by_label("Nouveau mot de passe", exact=True).fill("court")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("autre")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()


def open_logged_out(page, manage, ardess):
    open_space(page, manage, ardess)
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes déconnecté(e)")


def open_forbidden(page, manage, ardess):
    shell(
        manage,
        """
        from django.contrib.auth.models import Group, User
        user, _ = User.objects.get_or_create(username="partenaire-axe")
        user.set_password("motdepasse-solide-42")
        user.save()
        user.groups.set([Group.objects.get(name="Partenaires agenda")])
        print("ok")
        """,
    )
    page.goto("/connexion/")
    log_in(page, "partenaire-axe")
    response = page.goto(ardess["workshop_url"])
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")


PAGES = {
    "ardess-public": lambda page, manage, ardess: page.goto("/ardess/"),
    "login": lambda page, manage, ardess: page.goto("/connexion/"),
    "login-errors": lambda page, manage, ardess: open_login_with_errors(page, manage),
    "login-empty": lambda page, manage, ardess: open_login_with_empty_fields(page, manage),
    "space": open_space,
    "workshop": open_workshop,
    "reset": lambda page, manage, ardess: page.goto("/mot-de-passe/oublie/"),
    "reset-errors": lambda page, manage, ardess: open_reset_with_errors(page, manage),
    "reset-done": lambda page, manage, ardess: open_reset_done(page, manage),
    "new-password": lambda page, manage, ardess: open_new_password(page, manage),
    "new-password-errors": lambda page, manage, ardess: open_new_password_with_errors(page, manage),
    "new-password-bad-link": lambda page, manage, ardess: page.goto("/mot-de-passe/nouveau/MQ/lien-perime/"),
    "reset-complete": lambda page, manage, ardess: page.goto("/mot-de-passe/modifie/"),
    "logged-out": open_logged_out,
    "403": open_forbidden,
}


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_on_ardess_pages(page, manage, ardess, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    PAGES[name](page, manage, ardess)
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
