"""Staff read the applications in the admin; nobody else sees them or their files."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from concours.choices import Status
from concours.models import Candidature, CandidatureDocument
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION, EVENT_PARTNERS

from .conftest import application_data

pytestmark = pytest.mark.django_db

INDEX = "/admin/candidatures/"


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "motdepasse-solide-42", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def filed(edition, submit):
    """An application filed through the public form, with its two documents."""
    assert submit().status_code == 302
    return Candidature.objects.get()


@pytest.fixture
def communication(client):
    client.force_login(make_user("com", COMMUNICATION))
    return client


def refused(response):
    """Wagtail's admin answers a refusal with a redirect (to the login or the dashboard)."""
    return response.status_code in (302, 403)


def test_the_groups_permissions_on_applications():
    communication = set(Group.objects.get(name=COMMUNICATION).permissions.values_list("codename", flat=True))
    assert {"view_candidature", "change_candidature"} <= communication
    assert not {"add_candidature", "delete_candidature"} & communication
    for name in (EVENT_PARTNERS, ARDESS_PARTICIPANTS):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert not any("candidature" in codename for codename in codenames), name


# The list -----------------------------------------------------------------------------


@pytest.mark.parametrize("group", [None, ARDESS_PARTICIPANTS, EVENT_PARTNERS])
def test_the_list_is_refused_to_everyone_but_communication(client, filed, group):
    if group is not None:
        client.force_login(make_user("intrus", group))
    response = client.get(INDEX)
    assert refused(response)
    assert filed.reference not in response.content.decode()
    if group is None:
        assert response["Location"].startswith("/admin/login/")
    export = client.get(INDEX + "?export=csv")
    assert refused(export)


def test_communication_sees_the_list_with_its_filters(communication, filed):
    response = communication.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert filed.reference in html and filed.structure_name in html
    assert "Candidatures au concours" in html
    page = BeautifulSoup(html, "html.parser")
    for name in ("edition", "category", "departement", "status", "email_sent"):
        assert page.find(attrs={"name": name}) is not None, name
    # No "add" button: applications come only from the public form.
    assert page.find("a", href="/admin/candidatures/new/") is None


def test_the_filters_narrow_the_list(communication, edition, submit):
    submit()
    submit(
        data=application_data(project_title="Deuxième projet", departement="21", postcode="21000", category="emergence")
    )
    second = Candidature.objects.get(project_title="Deuxième projet")
    second.status = Status.COMPLET
    second.save()

    def listed(query):
        html = communication.get(INDEX + "results/?" + query).content.decode()
        return {ref for ref in ("C2026-000001", "C2026-000002") if ref in html}

    assert listed("") == {"C2026-000001", "C2026-000002"}
    assert listed("departement=21") == {"C2026-000002"}
    assert listed("category=realisation") == {"C2026-000001"}
    assert listed("status=complet") == {"C2026-000002"}
    assert listed(f"edition={edition.pk}") == {"C2026-000001", "C2026-000002"}
    # The edition filter offers the editions themselves, not their translations.
    options = BeautifulSoup(communication.get(INDEX).content, "html.parser").select("select[name=edition] option")
    assert [o.get_text(strip=True) for o in options if o.get("value")] == [edition.title]
    assert listed("q=Deuxième") == {"C2026-000002"}


def test_a_failed_email_shows_in_the_list(communication, filed):
    Candidature.objects.filter(pk=filed.pk).update(email_sent=False, email_error="SMTPServerDisconnected")
    html = communication.get(INDEX + "results/?email_sent=false").content.decode()
    assert filed.reference in html
    assert filed.reference not in communication.get(INDEX + "results/?email_sent=true").content.decode()


# The CSV export -------------------------------------------------------------------------


def test_the_csv_export(communication, edition, submit):
    submit(data=application_data(project_title='=HYPERLINK("http://evil.example")'))
    response = communication.get(INDEX + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "candidatures-concours-ess.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    header, row = rows[0], rows[1]
    assert header[:6] == ["Référence", "Édition", "Déposé le", "Statut", "Catégorie", "Nom de la structure"]
    record = dict(zip(header, row, strict=True))
    assert record["Référence"] == "C2026-000001"
    assert record["Édition"] == "2026"
    assert record["Statut"] == "Reçu"
    assert record["Catégorie"] == "Réalisation"
    assert record["Département"] == "Saône-et-Loire (71)"
    assert record["SIRET"] == "12345678900015"
    assert record["Nombre de documents"] == "2"
    # A title typed as a spreadsheet formula is exported as text.
    assert record["Titre du projet"] == '\'=HYPERLINK("http://evil.example")'


def test_the_export_follows_the_filters(communication, edition, submit):
    submit()
    submit(data=application_data(project_title="Autre", departement="89", postcode="89000"))
    response = communication.get(INDEX + "?export=csv&departement=89")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert len(rows) == 2 and rows[1][0] == "C2026-000002"


# Detail, status change, no adding, no deleting -------------------------------------------


def test_communication_inspects_an_application_with_its_documents(communication, filed):
    response = communication.get(f"{INDEX}inspect/{filed.pk}/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert filed.project_title in text and filed.siret in text
    links = {a["href"] for a in page.find_all("a", href=True)}
    for document in filed.documents.all():
        assert f"/admin/concours/documents/{document.pk}/" in links


def test_communication_changes_the_status_and_nothing_else(communication, filed):
    url = f"{INDEX}edit/{filed.pk}/"
    page = communication.get(url)
    assert page.status_code == 200
    form_html = BeautifulSoup(page.content, "html.parser")
    assert form_html.find(attrs={"name": "status"}) is not None
    assert form_html.find(attrs={"name": "structure_name"}) is None
    assert "fiche-signaletique.pdf" in page.content.decode()  # the documents panel
    response = communication.post(
        url, {"status": Status.INCOMPLET, "staff_note": "Budget détaillé manquant.", "structure_name": "Piraté"}
    )
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == Status.INCOMPLET
    assert filed.staff_note == "Budget détaillé manquant."
    assert filed.structure_name == "Les Jardins partagés de la Saône"


def test_nobody_adds_an_application_in_the_admin(client, communication, filed):
    assert refused(communication.get(INDEX + "new/"))
    admin = make_user("admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert refused(client.get(INDEX + "new/"))
    assert BeautifulSoup(client.get(INDEX).content, "html.parser").find("a", href=INDEX + "new/") is None


def test_only_a_superuser_deletes_an_application_and_its_files(client, communication, filed, private_media):
    assert refused(communication.post(f"{INDEX}delete/{filed.pk}/"))
    assert Candidature.objects.filter(pk=filed.pk).exists()
    paths = [private_media / d.file.name for d in filed.documents.all()]
    assert all(p.exists() for p in paths)
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    assert client.post(f"{INDEX}delete/{filed.pk}/").status_code == 302
    assert not Candidature.objects.exists() and not CandidatureDocument.objects.exists()
    assert not any(p.exists() for p in paths)


def test_an_edition_with_applications_cannot_be_deleted(client, filed):
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    response = client.post(reverse("wagtailadmin_pages:delete", args=[filed.edition_id]), follow=True)
    assert "ne peut pas être supprimée : 1 candidature" in response.content.decode()
    assert Candidature.objects.filter(pk=filed.pk).exists()
    assert filed.edition.__class__.objects.filter(pk=filed.edition_id).exists()


# The documents: only through the checked view --------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, filed):
    document = filed.documents.first()
    response = client.get(document.get_download_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/concours/documents/")


@pytest.mark.parametrize("group", [ARDESS_PARTICIPANTS, EVENT_PARTNERS, None])
def test_other_roles_get_403_even_with_the_exact_url(client, filed, group):
    client.force_login(make_user("curieux", group))
    for document in filed.documents.all():
        assert client.get(document.get_download_url()).status_code == 403
    # No hint whether a document exists.
    assert client.get("/admin/concours/documents/999999/").status_code == 403


def test_communication_downloads_a_document(communication, filed):
    document = filed.documents.get(original_name="presentation.odt")
    response = communication.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert response["Content-Disposition"] == 'attachment; filename="presentation.odt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"PK\x03\x04")
    assert communication.get("/admin/concours/documents/999999/").status_code == 404


def test_a_superuser_downloads_a_document(client, filed):
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    assert client.get(filed.documents.first().get_download_url()).status_code == 200


def test_the_files_are_not_under_the_public_media(filed, private_media, settings):
    from pathlib import Path

    for document in filed.documents.all():
        path = Path(document.file.path).resolve()
        assert path.is_relative_to(Path(private_media).resolve())
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
