"""Filing an application through the public form, as an applicant (or a robot) would."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import override_settings
from freezegun import freeze_time

from concours.choices import DocumentKind, Status
from concours.models import Candidature, CandidatureDocument, ConcoursEditionPage

from .conftest import VALID_SIRET, application_data, application_files
from .files import EXE_BYTES, PNG_BYTES, docx, docx_bytes, odt_bytes, pdf, plain_zip_bytes, upload

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response):
    """The page's text, whitespace collapsed, as a person reads it."""
    return " ".join(soup(response).get_text().split())


def field_errors(response, name):
    """The error text shown beside a field (and linked to it by aria-describedby)."""
    page = soup(response)
    box = page.find(id=f"id_{name}_error")
    return box.get_text(" ", strip=True) if box else ""


def summary_items(response):
    return [(a["href"], a.get_text(" ", strip=True)) for a in soup(response).select("#error-summary li a")]


# The whole journey -------------------------------------------------------------------


def test_the_edition_page_offers_the_form_while_open(client, edition):
    page = soup(client.get(edition.url))
    button = page.find("a", class_="button", href=edition.url + "deposer/")
    assert button is not None
    assert "Déposer un dossier" in button.get_text()
    assert "Les candidatures sont ouvertes jusqu’au" in page.get_text()


def test_application_journey(client, edition, submit, private_media):
    form_page = client.get(edition.url + "deposer/")
    assert form_page.status_code == 200
    html = soup(form_page)
    assert html.find("form", enctype="multipart/form-data") is not None
    for name in ("structure_name", "siret", "fiche_signaletique", "dossier_presentation", "annexes", "consent"):
        assert html.find("label", attrs={"for": f"id_{name}"}), name

    files = application_files(annexes=[pdf("budget.pdf"), docx("statuts.docx")])
    response = submit(files=files)

    assert response.status_code == 302
    candidature = Candidature.objects.get()
    assert candidature.reference == "C2026-000001"
    assert response["Location"] == f"{edition.url}recu/C2026-000001/"
    assert candidature.edition_id == edition.pk
    assert candidature.status == Status.RECU
    assert candidature.siret == VALID_SIRET  # spaces removed
    assert candidature.total_budget == Decimal("25000")
    assert candidature.amount_requested == Decimal("5000.50")
    assert candidature.consent is True
    assert candidature.email_sent is True and candidature.email_error == ""

    documents = list(candidature.documents.order_by("pk"))
    assert [d.kind for d in documents] == [
        DocumentKind.FICHE_SIGNALETIQUE,
        DocumentKind.DOSSIER_PRESENTATION,
        DocumentKind.ANNEXE,
        DocumentKind.ANNEXE,
    ]
    assert [d.original_name for d in documents] == [
        "fiche-signaletique.pdf",
        "presentation.odt",
        "budget.pdf",
        "statuts.docx",
    ]
    assert documents[1].content_type == "application/vnd.oasis.opendocument.text"
    assert documents[3].content_type.endswith("wordprocessingml.document")
    # Stored privately: under PRIVATE_MEDIA_ROOT, never under the public media, with no URL.
    for document in documents:
        path = private_media / document.file.name
        assert path.is_file()
        assert document.file.name.startswith("concours/2026/C2026-000001/")
        assert document.original_name not in document.file.name
        with pytest.raises(ValueError):
            document.file.url  # noqa: B018
    assert (private_media / documents[0].file.name).read_bytes().startswith(b"%PDF-")

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    text = soup(receipt).get_text(" ", strip=True)
    assert "C2026-000001" in text
    assert "Votre dossier est bien reçu" in text
    assert "camille.durand@example.org" in text
    assert "presentation.odt" in text

    assert len(mail.outbox) == 2
    receipt_mail, staff_mail = mail.outbox
    assert receipt_mail.to == ["camille.durand@example.org"]
    assert "C2026-000001" in receipt_mail.subject and "C2026-000001" in receipt_mail.body
    assert "conservées 3 ans" in receipt_mail.body
    assert receipt_mail.reply_to == ["concours@predess.invalid"]
    assert staff_mail.to == ["concours@predess.invalid"]
    assert "C2026-000001" in staff_mail.subject
    assert f"/admin/candidatures/inspect/{candidature.pk}/" in staff_mail.body


def test_references_follow_each_other_within_an_edition(edition, submit):
    submit()
    submit(data=application_data(project_title="Un deuxième projet"))
    assert list(Candidature.objects.order_by("sequence").values_list("reference", flat=True)) == [
        "C2026-000001",
        "C2026-000002",
    ]


def test_the_receipt_is_shown_only_to_the_session_that_filed_it(client, edition, submit):
    location = submit()["Location"]
    client.logout()
    client.cookies.clear()
    assert client.get(location).status_code == 404
    assert client.get(f"{edition.url}recu/C2026-999999/").status_code == 404


# Validation errors, in French, linked to their fields ---------------------------------


def test_an_empty_form_lists_every_error_at_the_top(client, edition, apply_url):
    response = client.post(apply_url, {})
    assert response.status_code == 200
    assert not Candidature.objects.exists()
    page = soup(response)
    assert page.title.get_text().startswith("Erreur :")
    summary = page.find(id="error-summary")
    assert summary is not None and summary["tabindex"] == "-1"
    assert "points sont à corriger" in summary.get_text()
    links = dict(summary_items(response))
    assert "#id_structure_name" in links and "Indiquez le nom de la structure." in links["#id_structure_name"]
    assert "#id_category_0" in links  # radio buttons: the first one
    assert "Joignez la fiche signalétique de la structure." in links["#id_fiche_signaletique"]
    assert "Joignez le dossier de présentation du projet." in links["#id_dossier_presentation"]
    assert "Cochez la case" in links["#id_consent"]
    # Every link of the summary points at a field that exists.
    for href, _text in summary_items(response):
        assert page.find(id=href[1:]) is not None, href
    # Each field with an error names it through aria-describedby and aria-invalid.
    siret = page.find(id="id_siret")
    assert siret["aria-invalid"] == "true"
    assert siret["aria-describedby"].split() == ["id_siret_helptext", "id_siret_error"]
    category = page.find(id="id_category_field")
    assert category.name == "fieldset" and "id_category_error" in category["aria-describedby"]


def test_missing_required_file(edition, submit):
    response = submit(files=application_files(dossier_presentation=None))
    assert response.status_code == 200
    assert field_errors(response, "dossier_presentation") == "Erreur : Joignez le dossier de présentation du projet."
    assert not Candidature.objects.exists() and not CandidatureDocument.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("image.pdf", PNG_BYTES),
        ("programme.pdf", EXE_BYTES),
        ("archive.docx", plain_zip_bytes()),
        ("tableur.odt", odt_bytes(mimetype=b"application/vnd.oasis.opendocument.spreadsheet")),
        ("macros.docx", docx_bytes(macros=True)),
        ("texte.pdf", b"Bonjour, ceci est du texte.\n"),
    ],
)
def test_a_file_that_is_not_really_a_pdf_odt_or_docx_is_refused(edition, submit, private_media, name, content):
    response = submit(files=application_files(fiche_signaletique=upload(name, content)))
    assert response.status_code == 200
    message = field_errors(response, "fiche_signaletique")
    assert f"« {name} » n’est pas un document PDF, ODT ou DOCX" in message
    assert "c’est le contenu du fichier qui est vérifié" in message
    assert not Candidature.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_real_document_with_the_wrong_extension_is_accepted_and_served_right(edition, submit):
    response = submit(files=application_files(dossier_presentation=upload("presentation.pdf", odt_bytes())))
    assert response.status_code == 302
    document = CandidatureDocument.objects.get(kind=DocumentKind.DOSSIER_PRESENTATION)
    assert document.content_type == "application/vnd.oasis.opendocument.text"
    assert document.file.name.endswith(".odt")


@override_settings(CONCOURS_MAX_FILE_SIZE=1024)
def test_a_file_too_large_is_refused(edition, submit):
    big = upload("gros-dossier.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    response = submit(files=application_files(dossier_presentation=big))
    assert response.status_code == 200
    message = field_errors(response, "dossier_presentation")
    assert "« gros-dossier.pdf » pèse 2\u00a0ko : chaque document doit peser 1\u00a0ko au plus." in message
    assert not Candidature.objects.exists()


@override_settings(CONCOURS_MAX_FILE_SIZE=1024, FILE_UPLOAD_HARD_LIMIT=4096)
def test_a_huge_file_is_dropped_on_arrival_and_reported(edition, submit):
    huge = upload("enorme.pdf", b"%PDF-1.4\n" + b"0" * 10_000)
    response = submit(files=application_files(fiche_signaletique=huge))
    assert response.status_code == 200
    assert "« enorme.pdf » est bien trop volumineux" in field_errors(response, "fiche_signaletique")
    # The other fields of the request were kept.
    assert soup(response).find(id="id_structure_name")["value"] == "Les Jardins partagés de la Saône"
    assert not Candidature.objects.exists()


def test_at_most_three_annexes(edition, submit):
    annexes = [pdf(f"annexe-{n}.pdf") for n in range(4)]
    response = submit(files=application_files(annexes=annexes))
    assert "Vous pouvez joindre 3 annexes au plus (vous en avez choisi 4)." in field_errors(response, "annexes")
    assert not Candidature.objects.exists()


def test_each_annex_is_checked(edition, submit):
    annexes = [pdf("ok.pdf"), upload("photo.pdf", PNG_BYTES)]
    response = submit(files=application_files(annexes=annexes))
    message = field_errors(response, "annexes")
    assert "« photo.pdf » n’est pas un document PDF, ODT ou DOCX" in message and "ok.pdf" not in message


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("12345678900016", "Ce numéro SIRET n’existe pas : sa clé de contrôle ne correspond pas."),
        ("1234567890001", "Le numéro SIRET comporte 14 chiffres"),
        ("1234567890001A", "Le numéro SIRET comporte 14 chiffres"),
    ],
)
def test_bad_siret(edition, submit, siret, message):
    response = submit(data=application_data(siret=siret))
    assert message in field_errors(response, "siret")
    assert not Candidature.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"postcode": "75001"},
            "postcode",
            "Le code postal 75001 n’est pas dans le département choisi, Saône-et-Loire (71).",
        ),
        ({"postcode": "7110"}, "postcode", "Le code postal comporte 5 chiffres"),
        ({"departement": "75"}, "departement", "Sélectionnez un choix valide."),
        ({"email": "camille@"}, "email", "Indiquez une adresse électronique valide"),
        ({"phone": "12"}, "phone", "Indiquez un numéro de téléphone français"),
        ({"total_budget": "beaucoup"}, "total_budget", "Indiquez un montant en euros"),
        ({"own_funds": "-5"}, "own_funds", "Le montant ne peut pas être négatif."),
        ({"amount_requested": "30 000"}, "amount_requested", "ne peut pas dépasser le budget total"),
        ({"legal_form": "sarl"}, "legal_form", "Sélectionnez un choix valide."),
        ({"category": ""}, "category", "Choisissez la catégorie du dossier."),
        ({"summary": "x" * 2001}, "summary", "au plus 2000 caractères"),
        ({"consent": ""}, "consent", "Cochez la case pour accepter le traitement de vos données"),
    ],
)
def test_field_errors_in_french(edition, submit, overrides, field, message):
    response = submit(data=application_data(**overrides))
    assert response.status_code == 200
    assert message in field_errors(response, field)
    assert not Candidature.objects.exists()


def test_the_typed_values_are_kept_after_an_error(edition, submit):
    response = submit(data=application_data(siret="12345678900016"))
    page = soup(response)
    assert page.find(id="id_project_title")["value"] == "Un jardin d’insertion en centre-ville"
    assert "joignez-les à nouveau" in page.find(id="error-summary").get_text()


# Closed editions (dates in Europe/Paris) --------------------------------------------


def _edition_with_dates(opens, closes):
    page = ConcoursEditionPage.objects.get(year=2026, locale__language_code="fr")
    page.applications_open, page.applications_close = opens, closes
    page.jury_date = page.ceremony_date = None
    page.save()
    return page


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (datetime(2026, 9, 30, 23, 59, tzinfo=PARIS), "upcoming"),
        (datetime(2026, 10, 1, 0, 0, tzinfo=PARIS), "open"),
        (datetime(2027, 1, 31, 23, 59, tzinfo=PARIS), "open"),
        (datetime(2027, 2, 1, 0, 0, tzinfo=PARIS), "closed"),
        # 23:30 UTC on the 31st is already 1 February in Paris.
        (datetime(2027, 1, 31, 23, 30, tzinfo=ZoneInfo("UTC")), "closed"),
    ],
)
def test_applications_open_and_close_on_paris_dates(db, moment, state):
    page = _edition_with_dates(date(2026, 10, 1), date(2027, 1, 31))
    with freeze_time(moment):
        assert page.applications_state() == state


def test_the_form_is_closed_before_the_opening_date(client, db):
    page = _edition_with_dates(date(2026, 10, 1), date(2027, 1, 31))
    with freeze_time(datetime(2026, 9, 15, 12, tzinfo=PARIS)):
        response = client.get(page.url + "deposer/")
        assert response.status_code == 200
        assert "Le dépôt des dossiers n’est pas encore ouvert : il ouvrira le 1 octobre 2026." in text(response)
        assert soup(response).find("form", class_="application-form") is None
        assert "Les candidatures ouvriront le" in soup(client.get(page.url)).get_text()
        response = client.post(page.url + "deposer/", {**application_data(), **application_files()})
        assert response.status_code == 403
    assert not Candidature.objects.exists()


def test_the_form_is_closed_after_the_closing_date(client, db):
    page = _edition_with_dates(date(2026, 10, 1), date(2027, 1, 31))
    with freeze_time(datetime(2027, 2, 1, 0, 5, tzinfo=PARIS)):
        response = client.post(page.url + "deposer/", {**application_data(), **application_files()})
        assert response.status_code == 403
        assert "Le dépôt des dossiers est clos : il était ouvert jusqu’au 31 janvier 2027 inclus" in text(response)
        edition_page = soup(client.get(page.url))
        assert "Les candidatures sont closes depuis le" in edition_page.get_text()
        assert edition_page.find("a", href=page.url + "deposer/") is None
    assert not Candidature.objects.exists()


# Duplicates, robots, floods -----------------------------------------------------------


def test_a_duplicate_application_is_refused_with_an_explanation(edition, submit):
    assert submit().status_code == 302
    again = application_data(
        siret="12345678900015", project_title="  UN JARDIN d'insertion   en centre-ville ", structure_name="Autre nom"
    )
    response = submit(data=again)
    assert response.status_code == 200
    message = field_errors(response, "project_title")
    assert "Un dossier portant ce titre de projet a déjà été déposé pour ce numéro SIRET dans l’édition 2026" in message
    assert "un projet ne peut concourir qu’une fois par édition" in message
    assert Candidature.objects.count() == 1
    # Another project of the same structure, or the same title from another structure, is fine.
    assert submit(data=application_data(project_title="Un autre projet")).status_code == 302
    assert submit(data=application_data(siret="42424242400002")).status_code == 302
    assert Candidature.objects.count() == 3


def test_a_concurrent_duplicate_is_caught_by_the_database(edition, submit, monkeypatch, private_media):
    """The double click: both requests pass the form's check; the unique constraint stops
    the second one, which gets the same explanation and leaves no file behind."""
    from concours.forms import CandidatureForm

    assert submit().status_code == 302
    real_check = CandidatureForm.is_duplicate
    calls = []

    def check_too_early(self, siret, title):
        calls.append(title)
        return False if len(calls) == 1 else real_check(self, siret, title)

    monkeypatch.setattr(CandidatureForm, "is_duplicate", check_too_early)
    response = submit()
    assert response.status_code == 200
    assert "a déjà été déposé pour ce numéro SIRET" in field_errors(response, "project_title")
    assert Candidature.objects.count() == 1
    assert CandidatureDocument.objects.count() == 2
    assert len([p for p in private_media.rglob("*") if p.is_file()]) == 2


def test_the_honeypot_stops_robots(edition, submit):
    response = submit(data=application_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Candidature.objects.exists()
    assert len(mail.outbox) == 0
    assert "destiné à arrêter les robots, a été rempli" in soup(response).find(id="error-summary").get_text()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, edition, apply_url):
    page = soup(client.get(apply_url))
    trap = page.find("input", attrs={"name": "website"})
    container = trap.find_parent("div")
    assert container["aria-hidden"] == "true"
    assert "form-honeypot" in container["class"]
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert page.find("label", attrs={"for": "id_website"}).get_text() == "Ne remplissez pas ce champ"


@override_settings(CONCOURS_RATE_LIMIT=(2, 3600))
def test_the_rate_limit_per_address(edition, submit):
    assert submit(data=application_data(project_title="Projet 1")).status_code == 302
    assert submit(data=application_data(project_title="Projet 2")).status_code == 302
    response = submit(data=application_data(project_title="Projet 3"))
    assert response.status_code == 429
    text = soup(response).find(id="error-summary").get_text(" ", strip=True)
    assert "Trop de dossiers envoyés depuis votre connexion" in text
    assert "réessayez plus tard" in text
    assert Candidature.objects.count() == 2
    # Another address is not affected.
    assert submit(data=application_data(project_title="Projet 4"), REMOTE_ADDR="203.0.113.7").status_code == 302


@override_settings(CONCOURS_RATE_LIMIT=(1, 3600), CLIENT_IP_HEADER="HTTP_X_REAL_IP")
def test_behind_a_proxy_the_configured_header_names_the_client(edition, submit):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert submit(data=application_data(project_title="A"), HTTP_X_REAL_IP="203.0.113.7", **proxy).status_code == 302
    assert submit(data=application_data(project_title="B"), HTTP_X_REAL_IP="203.0.113.7", **proxy).status_code == 429
    # Another visitor behind the same proxy is not blocked.
    assert submit(data=application_data(project_title="C"), HTTP_X_REAL_IP="198.51.100.2", **proxy).status_code == 302


@override_settings(CONCOURS_RATE_LIMIT=(2, 3600))
def test_invalid_attempts_do_not_count_but_robots_do(edition, submit):
    for _ in range(3):
        assert submit(data=application_data(siret="1")).status_code == 200
    assert submit(data=application_data(website="x")).status_code == 200
    assert submit(data=application_data(website="x")).status_code == 200
    assert submit().status_code == 429


# Mail failure --------------------------------------------------------------------------


@override_settings(EMAIL_BACKEND="tests.concours.mail_backends.FailingEmailBackend")
def test_a_mail_failure_keeps_the_application_and_tells_staff(client, edition, submit):
    response = submit()
    assert response.status_code == 302
    candidature = Candidature.objects.get()
    assert candidature.documents.count() == 2
    assert candidature.email_sent is False
    assert "SMTPServerDisconnected" in candidature.email_error
    assert "récépissé" in candidature.email_error
    receipt = soup(client.get(response["Location"])).get_text(" ", strip=True)
    assert "C2026-000001" in receipt
    assert "le courriel de confirmation n’a pas pu être envoyé" in receipt


@override_settings(CONCOURS_NOTIFICATION_EMAILS=[])
def test_without_staff_addresses_only_the_receipt_is_sent(edition, submit):
    submit()
    assert [m.to for m in mail.outbox] == [["camille.durand@example.org"]]
    assert Candidature.objects.get().email_sent is True


def test_applying_through_the_english_page_files_into_the_edition(client, edition, submit):
    english = edition.get_translation(edition.locale.__class__.objects.get(language_code="en"))
    assert english.url == "/en/competition/2026/"
    response = client.post(english.url + "deposer/", {**application_data(), **application_files()})
    assert response.status_code == 302
    assert response["Location"] == "/en/competition/2026/recu/C2026-000001/"
    assert Candidature.objects.get().edition_id == edition.pk
    receipt = client.get(response["Location"])
    assert "Your application has been received" in text(receipt)
    assert mail.outbox[0].subject == "2026 SSE competition: application received, reference C2026-000001"


def test_the_english_form_speaks_english(client, edition):
    english = edition.get_translation(edition.locale.__class__.objects.get(language_code="en"))
    page = client.get(english.url + "deposer/")
    assert '<html lang="en"' in page.content.decode()
    words = text(page)
    assert "Apply to the 2026 SSE competition" in words
    assert "Organisation’s information sheet" in words
    errors = client.post(english.url + "deposer/", {})
    assert "Attach the project presentation file." in field_errors(errors, "dossier_presentation")
