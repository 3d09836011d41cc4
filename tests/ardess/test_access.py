"""Each role against each private page and document: login page, 403 or the content."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import resolve
from django.urls.exceptions import Resolver404
from wagtail.models import Locale

from predess.urls import dev_media_urlpatterns

from .conftest import PDF_BYTES, ROLES

pytestmark = pytest.mark.django_db

# What each role gets on a private page or document.
ALLOWED = {"participant", "communication", "superuser"}
LOGIN_PAGE = {"anonymous"}
FORBIDDEN = {"partner", "no-group"}
assert set(ROLES) == ALLOWED | LOGIN_PAGE | FORBIDDEN


def private_urls(space, workshops, document=None):
    urls = [space.url, *(w.url for w in workshops)]
    return [*urls, document.url] if document else urls


def assert_sent_to_login(response, url):
    assert response.status_code == 302, url
    assert response["Location"] == f"{settings.LOGIN_URL}?next={quote(url)}"


def assert_styled_403(response):
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html
    assert 'class="site-header"' in html and '<html lang="fr"' in html
    assert "no-store" in response["Cache-Control"]
    # The way out: log out and log in with another account.
    assert BeautifulSoup(html, "html.parser").select_one("form.logout-form button")


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_on_each_private_page_and_document(client_as, role, space, workshops, private_document):
    client = client_as(role)
    urls = private_urls(space, workshops, private_document)
    assert len(urls) == 6  # the space, the four workshops, the document
    for url in urls:
        response = client.get(url)
        if role in LOGIN_PAGE:
            assert_sent_to_login(response, url)
        elif role in FORBIDDEN:
            assert_styled_403(response)
        else:
            assert response.status_code == 200, (role, url)
            assert "no-store" in response["Cache-Control"], url
            if url == private_document.url:
                assert b"".join(response.streaming_content) == PDF_BYTES
                assert "private" in response["Cache-Control"]
            else:
                assert "noindex" in response.content.decode()


def test_deactivated_participant_is_sent_to_the_login_page(client, former_participant, space, private_document):
    # Logged in while still active; the account was deactivated since: the session no
    # longer counts (Django's backend refuses inactive users on every request).
    client.force_login(former_participant)
    for url in (space.url, private_document.url):
        assert_sent_to_login(client.get(url), url)


def test_participant_deactivated_during_a_session_loses_access(client, participant, space):
    client.force_login(participant)
    assert client.get(space.url).status_code == 200
    participant.is_active = False
    participant.save()
    assert_sent_to_login(client.get(space.url), space.url)


def test_the_public_ardess_page_is_public(client, ardess_index, space):
    response = client.get(ardess_index.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    themes = [h.get_text(strip=True) for h in soup.select(".theme__title")]
    assert themes == [
        "La consommation citoyenne",
        "Les finances solidaires",
        "La formation en ESS",
        "L’organisation d’évènements autour de l’ESS en Bourgogne",
    ]
    link = soup.find("a", string="Espace participants")
    assert link["href"] == space.url
    assert "Aucune séance publique n’est annoncée pour le moment." in soup.get_text()
    assert soup.find("a", href=lambda href: href and "fiche-2-1" in href)
    # Nothing about who is logged in: the page is the same for everyone.
    assert "Se déconnecter" not in response.content.decode()


def test_the_english_page_leads_to_the_french_space(client, ardess_index, space):
    english = ardess_index.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.url == "/en/ardess/"
    response = client.get(english.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "The ARDESS"
    assert [h.get_text(strip=True) for h in soup.select(".theme__title")][:2] == [
        "Citizen consumption",
        "Solidarity finance",
    ]
    assert soup.select_one("section.panel a.button")["href"] == space.url
    assert "/en/" in soup.find("a", href=lambda href: href and "fiche-2-1" in href)["href"]


def test_the_participant_sees_the_workshops_and_their_documents(
    client, participant, space, workshops, private_document
):
    workshop = workshops[1]
    workshop.documents = [
        {
            "type": "document",
            "value": {"document": private_document.pk, "title": "", "description": "Version de travail."},
        }
    ]
    workshop.schedule = [
        {
            "type": "session",
            "value": {"date": "2099-03-12", "start": "14:00", "end": "16:30", "place": "Dijon", "topic": "Bilan"},
        },
        {"type": "session", "value": {"date": "2001-01-10", "start": None, "end": None, "place": "", "topic": ""}},
    ]
    workshop.minutes = [
        {
            "type": "minutes",
            "value": {
                "date": "2001-01-10",
                "title": "Séance de janvier",
                "summary": "<p>Bilan.</p>",
                "document": private_document.pk,
            },
        }
    ]
    workshop.save_revision().publish()
    client.force_login(participant)

    space_html = BeautifulSoup(client.get(space.url).content, "html.parser")
    assert [a.get_text(strip=True) for a in space_html.select(".card--workshop .card__title a")] == [
        w.title for w in workshops
    ]
    assert "Connecté(e) : participant" in space_html.get_text()
    assert space_html.select_one(".account-bar form.logout-form")["action"] == "/deconnexion/"

    html = BeautifulSoup(client.get(workshop.url).content, "html.parser")
    upcoming = html.find("h2", id="seances").find_parent("section")
    assert "jeudi 12 mars 2099" in upcoming.get_text()
    assert "de 14h00 à 16h30" in upcoming.get_text()
    past = html.find("h2", id="seances-passees").find_parent("section")
    assert "10 janvier 2001" in past.get_text()
    links = html.select("a.document-link")
    assert {a["href"] for a in links} == {private_document.url}
    assert "Compte rendu de la séance de mars (PDF, " in links[-1].get_text()
    assert "Compte rendu complet : Séance de janvier" in links[0].get_text()
    response = client.get(links[0]["href"])
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_public_documents_stay_public(client, public_document):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "no-store" not in response.get("Cache-Control", "")


def test_document_files_are_never_served_from_media(client, client_as, private_document, public_document):
    for document in (private_document, public_document):
        path = settings.MEDIA_URL + document.file.name
        assert path.startswith("/media/documents/")
        assert client.get(path).status_code == 404
    assert client_as("participant").get(settings.MEDIA_URL + private_document.file.name).status_code == 404


def test_development_media_serving_skips_documents():
    (pattern,) = dev_media_urlpatterns()
    assert pattern.pattern.match("media/images/photo.jpg")
    assert not pattern.pattern.match("media/documents/compte-rendu.pdf")
    with pytest.raises(Resolver404):
        resolve("/media/documents/compte-rendu.pdf", urlconf=type("Conf", (), {"urlpatterns": [pattern]}))


def test_wagtail_serve_method_goes_through_django():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.WAGTAIL_FRONTEND_LOGIN_URL == settings.LOGIN_URL == "/connexion/"


def test_wagtails_own_login_form_leads_to_the_sites(client):
    response = client.get("/_util/login/?next=/ardess/")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/ardess/"


def test_short_address_of_the_space(client, participant, space):
    response = client.get("/espace-participants/")
    assert response.status_code == 302 and response["Location"] == space.url
