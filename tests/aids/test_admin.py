"""Communications staff keep the schemes (snippets with revisions and draft / live) and the
finder's profiles and needs; nobody else edits them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from fiches.models import Dispositif
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION, EVENT_PARTNERS

from .conftest import scheme

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"


def login(client, username, group=None, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def url(name, *args):
    return reverse(f"wagtailsnippets_fiches_dispositif:{name}", args=args)


def edit_form(client, obj):
    response = client.get(url("edit", obj.pk))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="w-editor-form")


def post(client, address, data):
    """Post every value of a QueryDict (the test client would keep only the last one)."""
    return client.post(address, {key: data.getlist(key) for key in data})


def test_communication_has_the_scheme_and_vocabulary_permissions():
    codenames = set(Group.objects.get(name=COMMUNICATION).permissions.values_list("codename", flat=True))
    assert {
        "add_dispositif",
        "change_dispositif",
        "delete_dispositif",
        "publish_dispositif",
        "change_audience",
        "change_need",
    } <= codenames
    for group in (EVENT_PARTNERS, ARDESS_PARTICIPANTS):
        assert not Group.objects.get(name=group).permissions.filter(content_type__model="dispositif").exists()


def test_communication_lists_filters_and_inspects_schemes(client):
    login(client, "redaction", COMMUNICATION)
    listing = client.get(url("list"), {"locale": "fr"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "France Active Garantie" in html
    assert "jusqu’à 65\u202f% d’un montant de 30\u202f500\u202f€" in html
    filtered = client.get(url("list"), {"status": "en-construction", "locale": "fr"})
    assert "Fonds Régional d’Investissement Solidaire" in filtered.content.decode()
    assert "Dispositif NACRE" not in filtered.content.decode()
    pacq = scheme("prime-pacq")
    assert client.get(url("inspect", pacq.pk)).status_code == 200
    assert client.get(url("history", pacq.pk)).status_code == 200


def test_communication_edits_and_publishes_a_scheme(client):
    editor = login(client, "redaction", COMMUNICATION)
    nacre = scheme("nacre")
    data = edit_form(client, nacre)
    data["amount_max"] = "12000"
    data["action-publish"] = "action-publish"
    response = post(client, url("edit", nacre.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    nacre.refresh_from_db()
    assert nacre.amount_max == 12000 and nacre.live
    assert nacre.audiences.count() == 1 and nacre.fiches.count() == 1
    pacq = scheme("prime-pacq")
    data = edit_form(client, pacq)
    data["action-publish"] = "action-publish"
    response = post(client, url("edit", pacq.pk), data)
    assert response.status_code == 302
    assert pacq.audiences.count() == 2 and pacq.fiches.count() == 2 and pacq.needs.count() == 2
    assert nacre.revisions.filter(user=editor).exists()
    assert "jusqu’à" not in client.get("/aides/nacre/").content.decode().split("Montant")[1][:60]
    assert "de 1\u202f000 à 12\u202f000\u202f€" in client.get("/aides/nacre/").content.decode()


def test_a_saved_draft_stays_off_the_site_until_published(client):
    login(client, "redaction", COMMUNICATION)
    accre = scheme("accre")
    data = edit_form(client, accre)
    data["name"] = "ACCRE (nouveau nom en brouillon)"
    response = post(client, url("edit", accre.pk), data)  # "Save draft"
    assert response.status_code == 302
    accre.refresh_from_db()
    assert accre.has_unpublished_changes and accre.name == "Dispositif ACCRE"
    assert "nouveau nom en brouillon" not in client.get("/aides/accre/").content.decode()


def test_the_admin_form_checks_the_amounts(client):
    login(client, "redaction", COMMUNICATION)
    nacre = scheme("nacre")
    data = edit_form(client, nacre)
    data.update({"amount_min": "20000", "amount_max": "10000", "action-publish": "action-publish"})
    response = post(client, url("edit", nacre.pk), data)
    assert response.status_code == 200
    assert "Le montant maximum doit être supérieur ou égal au montant minimum." in response.content.decode()
    data.update({"amount_min": "", "amount_max": "", "percentage": "", "percentage_base": "30500"})
    response = post(client, url("edit", nacre.pk), data)
    assert "Indiquez le pourcentage qui s’applique à ce montant de base." in response.content.decode()
    nacre.refresh_from_db()
    assert (nacre.amount_min, nacre.amount_max) == (1000, 10000)


def test_the_admin_form_offers_the_terms_of_the_schemes_language(client):
    login(client, "redaction", COMMUNICATION)
    html = client.get(url("edit", scheme("nacre").pk)).content.decode()
    assert "Habitant d&#x27;une zone urbaine sensible (ZUS)" in html
    assert "Resident of a sensitive urban area (ZUS)" not in html
    assert "Donner à chacun la possibilité d’entreprendre" in html
    assert "Giving everyone the chance to start a business" not in html
    # The English version is edited in wagtail-localize's translation editor.
    english = client.get(url("edit", scheme("nacre", "en").pk))
    assert english.status_code == 200


def test_communication_creates_a_scheme(client):
    login(client, "redaction", COMMUNICATION)
    response = client.get(url("add"), {"locale": "fr"})
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    from fiches.models import Audience, Need

    loan = Need.objects.get(slug="pret", locale__language_code="fr")
    data.update(
        {
            "name": "Prêt d’essai",
            "slug": "pret-essai",
            "kind": str(loan.pk),
            "status": "actif",
            "amount_min": "500",
            "amount_max": "1500",
            "summary": "Un prêt pour essayer.",
            "action-publish": "action-publish",
        }
    )
    data.setlist("needs", [str(loan.pk)])
    data.setlist("audiences", [str(Audience.objects.get(slug="association", locale__language_code="fr").pk)])
    data.setlist("departements", ["21", "89"])
    response = post(client, url("add") + "?locale=fr", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Dispositif.objects.get(slug="pret-essai")
    assert created.live and created.departements == "21,89"
    slugs = client.get("/aides/", {"profil": "association", "besoin": "pret", "montant": "1000", "departement": "89"})
    assert "/aides/pret-essai/" in slugs.content.decode()
    assert "/aides/pret-essai/" not in client.get("/aides/", {"departement": "58"}).content.decode()


@pytest.mark.parametrize("group", [EVENT_PARTNERS, ARDESS_PARTICIPANTS, None])
def test_others_cannot_edit_schemes(client, group):
    login(client, "autre", group)
    nacre = scheme("nacre")
    for response in (client.get(url("list")), client.get(url("edit", nacre.pk)), client.get(url("add"))):
        assert response.status_code in (302, 403)
    client.post(url("edit", nacre.pk), {"name": "Piraté", "action-publish": "action-publish"})
    nacre.refresh_from_db()
    assert nacre.name == "Dispositif NACRE"


def test_communication_previews_a_draft_scheme(client):
    login(client, "redaction", COMMUNICATION)
    nacre = scheme("nacre")
    data = edit_form(client, nacre)
    data["name"] = "NACRE en aperçu"
    data["amount_max"] = "15000"
    preview = url("preview_on_edit", nacre.pk)
    assert post(client, preview, data).json()["is_valid"]
    html = client.get(preview, {"mode": ""}).content.decode()
    assert "NACRE en aperçu" in html
    assert "de 1\u202f000 à 15\u202f000\u202f€" in html
    assert 'name="robots" content="noindex"' in html
    assert scheme("nacre").name == "Dispositif NACRE"
