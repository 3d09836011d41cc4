"""Partners in the Wagtail admin: who may do what (through the real admin views), and the
form's checks with their French messages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from fiches.models import FichePage
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION, EVENT_PARTNERS
from partners.models import Partner

pytestmark = pytest.mark.django_db

PARTNER_PERMISSIONS = {
    "add_partner",
    "change_partner",
    "delete_partner",
    "publish_partner",
    "lock_partner",
    "unlock_partner",
}


def url(name, *args):
    return reverse(f"wagtailsnippets_partners_partner:{name}", args=args)


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "motdepasse-solide-42", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def form_data(client, address, **changes):
    response = client.get(address)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    for name, value in changes.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    # Every value of multi-valued fields (checkboxes): the test client posts a dict of lists.
    return {name: data.getlist(name) for name in data}


NEW_PARTNER = {
    "name": "Coopérative d’essai",
    "acronym": "CE",
    "slug": "",
    "kind": "cooperative",
    "offers": ["financement", "formation"],
    "departements": ["21"],
    "postcode": "21000",
    "commune": "Dijon",
    "website": "https://coop.example.org/",
    "email": "contact@coop.example.org",
    "phone": "03 80 12 34 56",
    "description": rich_text("<p>Une coopérative qui finance et forme.</p>"),
}


@pytest.fixture
def communication(client):
    client.force_login(make_user("com", COMMUNICATION))
    return client


# --- Who may do what -----------------------------------------------------------------------


def test_only_communication_has_partner_permissions():
    for group in Group.objects.all():
        codenames = set(group.permissions.filter(content_type__app_label="partners").values_list("codename", flat=True))
        if group.name == COMMUNICATION:
            assert codenames == PARTNER_PERMISSIONS
        else:
            assert not codenames, group.name
    assert Permission.objects.filter(content_type__app_label="partners", codename__in=PARTNER_PERMISSIONS).count() == 6


def test_anonymous_visitors_are_sent_to_the_login(client):
    for address in (url("list"), url("add"), url("edit", Partner.objects.get(slug="cress").pk)):
        response = client.get(address)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_event_partners_reach_the_admin_but_not_the_partners(client):
    client.force_login(make_user("agenda", EVENT_PARTNERS))
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert url("list") not in home.content.decode()  # no menu item
    cress = Partner.objects.get(slug="cress")
    for address in (url("list"), url("add"), url("edit", cress.pk), url("delete", cress.pk), url("inspect", cress.pk)):
        assert client.get(address).status_code in (302, 403), address
    response = client.post(url("delete", cress.pk))
    assert response.status_code in (302, 403)
    assert Partner.objects.filter(pk=cress.pk).exists()
    data = {**NEW_PARTNER, "name": "Intrus", "action-publish": "1"}
    client.post(url("add") + "?locale=fr", data)
    assert not Partner.objects.filter(name="Intrus").exists()


def test_ardess_participants_have_no_admin(client):
    client.force_login(make_user("participant", ARDESS_PARTICIPANTS))
    for address in (reverse("wagtailadmin_home"), url("list"), url("add")):
        response = client.get(address)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_communication_lists_searches_filters_inspects_and_exports(communication):
    listing = communication.get(url("list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Chambre Régionale de l’Économie Sociale et Solidaire" in html
    assert url("list") in communication.get(reverse("wagtailadmin_home")).content.decode()
    found = communication.get(url("list") + "?q=URSCOP").content.decode()
    assert "Union Régionale des SCOP" in found and "Bourgogne Active" not in found
    filtered = communication.get(url("list") + "?kind=reseau&departement=region").content.decode()
    assert "Union Régionale des SCOP" in filtered and "Potentiel 71" not in filtered
    by_offer = communication.get(url("list") + "?offer=hebergement-test&live=true").content.decode()
    assert "Potentiel 71" in by_offer and "Union Régionale des SCOP" not in by_offer
    cress = Partner.objects.get(slug="cress")
    inspect = communication.get(url("inspect", cress.pk)).content.decode()
    assert "Formation, Mise en réseau" in inspect and "Toute la région" in inspect
    export = communication.get(url("list") + "?export=csv")
    text = b"".join(export.streaming_content).decode("utf-8")
    assert text.splitlines()[0].startswith("Nom,Sigle,Identifiant,Type,Offres,Territoire")
    assert "Union Régionale des SCOP,URSCOP,urscop,Réseau / tête de réseau" in text


def test_communication_creates_and_publishes_a_partner(communication, client):
    fiche = FichePage.objects.get(number="1.3", locale__language_code="fr")
    data = form_data(communication, url("add") + "?locale=fr", **NEW_PARTNER, fiches=[str(fiche.pk)])
    data["action-publish"] = ["1"]
    response = communication.post(url("add") + "?locale=fr", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    partner = Partner.objects.get(name="Coopérative d’essai")
    assert partner.live and partner.slug == "ce"
    assert [o.value for o in partner.offers] == ["financement", "formation"]
    assert [d.value for d in partner.departements] == ["21"]
    assert list(partner.fiches.all()) == [fiche]
    assert partner.revisions.exclude(user=None).exists()
    public = client.get("/partenaires/ce/")
    assert public.status_code == 200
    assert "Coopérative d’essai" in public.content.decode()
    assert "Coopérative d’essai" in client.get("/partenaires/?q=cooperative&departement=21").content.decode()


def test_a_draft_saved_in_the_admin_is_not_public(communication, client):
    data = form_data(communication, url("add") + "?locale=fr", **{**NEW_PARTNER, "slug": "brouillon-admin"})
    response = communication.post(url("add") + "?locale=fr", data)  # "Enregistrer le brouillon"
    assert response.status_code == 302
    partner = Partner.objects.get(slug="brouillon-admin")
    assert not partner.live
    assert client.get("/partenaires/brouillon-admin/").status_code == 404


def test_communication_edits_then_publishes(communication, client):
    partner = Partner.objects.get(slug="potentiel-71")
    edit = url("edit", partner.pk)
    data = form_data(communication, edit, commune="Mâcon", postcode="71000", offers=["hebergement-test", "formation"])
    response = communication.post(edit, data)  # a draft first
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.commune == "" and partner.has_unpublished_changes
    assert "Mâcon" not in client.get("/partenaires/potentiel-71/").content.decode()
    data = form_data(communication, edit)
    data["action-publish"] = ["1"]
    assert communication.post(edit, data).status_code == 302
    partner.refresh_from_db()
    assert partner.commune == "Mâcon" and partner.postcode == "71000" and not partner.has_unpublished_changes
    assert [o.value for o in partner.offers] == ["formation", "hebergement-test"]
    page = client.get("/partenaires/potentiel-71/").content.decode()
    assert "Mâcon" in page and "Accompagnement à la création" not in page


def test_communication_deletes_and_locks(communication):
    partner = Partner.objects.get(slug="assedic")
    assert communication.post(url("lock", partner.pk)).status_code == 302
    partner.refresh_from_db()
    assert partner.locked
    assert communication.post(url("unlock", partner.pk)).status_code == 302
    assert communication.post(url("delete", partner.pk)).status_code == 302
    assert not Partner.objects.filter(pk=partner.pk).exists()


# --- Checks and their messages ------------------------------------------------------------


def post_invalid(client, **changes):
    data = form_data(client, url("add") + "?locale=fr", **{**NEW_PARTNER, **changes})
    data["action-publish"] = ["1"]
    response = client.post(url("add") + "?locale=fr", data)
    assert response.status_code == 200, "the form must be shown again with its errors"
    return response.content.decode()


def test_postcode_must_belong_to_the_departements(communication):
    html = post_invalid(communication, postcode="75001", departements=["21", "58"])
    assert "Le code postal 75001 n’est pas dans le ou les départements choisis" in html
    html = post_invalid(communication, postcode="2100")
    assert "Un code postal s’écrit avec cinq chiffres" in html
    assert not Partner.objects.filter(name="Coopérative d’essai").exists()


def test_postcode_outside_bourgogne_is_accepted_without_departement(communication):
    data = form_data(
        communication, url("add") + "?locale=fr", **{**NEW_PARTNER, "departements": [], "postcode": "75003"}
    )
    data["action-publish"] = ["1"]
    assert communication.post(url("add") + "?locale=fr", data).status_code == 302


def test_website_must_be_http_or_https(communication):
    for website in ("ftp://coop.example.org/", "javascript:alert(1)"):
        html = post_invalid(communication, website=website)
        assert "Saisissez une adresse web complète commençant par http:// ou https://." in html


def test_email_must_be_valid(communication):
    html = post_invalid(communication, email="pas-une-adresse")
    assert "Saisissez une adresse électronique valide" in html


def test_slug_is_unique(communication):
    html = post_invalid(communication, slug="cress")
    assert "Un autre partenaire utilise déjà l’identifiant « cress »" in html
    html = post_invalid(communication, slug="flux")
    assert "est réservé par l’annuaire" in html


def test_coordinates_go_together(communication):
    html = post_invalid(communication, latitude="47.32")
    assert "Indiquez la latitude et la longitude, ou aucune des deux." in html


def test_preview_shows_the_partner_page_before_publishing(communication):
    partner = Partner.objects.get(slug="urei")
    preview = url("preview_on_edit", partner.pk)
    data = form_data(communication, url("edit", partner.pk), name="Union Régionale revue en aperçu")
    response = communication.post(preview, data)
    assert response.status_code == 200 and response.json()["is_valid"]
    html = communication.get(preview).content.decode()
    assert "Union Régionale revue en aperçu" in html
    partner.refresh_from_db()
    assert partner.name == "Union Régionale des Entreprises d’Insertion"
