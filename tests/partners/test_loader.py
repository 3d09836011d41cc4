"""load_predess creates the directory and every partner of partners.yaml, idempotently."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Revision

from home.content import ContentError
from home.models import HomePage
from partners.loaders import wanted_values
from partners.models import Partner, PartnerDirectoryPage

pytestmark = pytest.mark.django_db


def test_every_partner_of_the_file_is_live_and_linked_to_its_fiches(yaml_partners):
    assert Partner.objects.count() == len(yaml_partners)
    for entry in yaml_partners:
        partner = Partner.objects.get(slug=entry["slug"])
        assert partner.live and partner.live_revision_id
        assert partner.name == entry["name"]
        assert partner.acronym == entry["acronym"]
        assert partner.kind == entry["kind"]
        assert sorted(o.value for o in partner.offers) == sorted(entry["offers"])
        assert sorted(d.value for d in partner.departements) == sorted(entry["departements"])
        assert sorted(partner.fiches.values_list("number", flat=True)) == sorted(entry["fiches"])
        assert partner.description_text == " ".join(entry["description"].split())
        # Nothing invented: the file gives no address, phone, e-mail or website.
        assert not (partner.street_address or partner.postcode or partner.phone or partner.email or partner.website)
        assert partner.commune == entry["commune"]


def test_the_directory_page_is_a_child_of_the_home_page_in_the_menu(directory):
    assert directory.get_parent().specific_class is HomePage
    assert directory.slug == "partenaires" and directory.show_in_menus and directory.live
    assert PartnerDirectoryPage.objects.filter(locale=directory.locale).count() == 1
    english = directory.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.title == "Partners" and english.url == "/en/partners/"


def test_running_twice_changes_nothing():
    partners, revisions = Partner.objects.count(), Revision.objects.count()
    call_command("load_predess", verbosity=0)
    assert Partner.objects.count() == partners
    assert Revision.objects.count() == revisions


def test_a_partner_edited_in_the_admin_is_kept_unless_forced():
    editor = get_user_model().objects.create_user("redaction", password="x" * 16)
    partner = Partner.objects.get(slug="cress")
    partner.commune = "Dijon"
    partner.set_offers(["reseau"])
    partner.save_revision(user=editor).publish()

    call_command("load_predess", verbosity=0)
    partner = Partner.objects.get(slug="cress")
    assert partner.commune == "Dijon"
    assert [o.value for o in partner.offers] == ["reseau"]

    call_command("load_predess", "--force", verbosity=0)
    partner = Partner.objects.get(slug="cress")
    assert partner.commune == ""
    assert [o.value for o in partner.offers] == ["formation", "reseau"]
    assert partner.live and not partner.has_unpublished_changes


def test_a_partner_changed_without_a_person_is_restored():
    partner = Partner.objects.get(slug="urei")
    partner.name = "Nom modifié par un script"
    partner.save()
    call_command("load_predess", verbosity=0)
    assert Partner.objects.get(slug="urei").name == "Union Régionale des Entreprises d’Insertion"


def test_a_partner_added_in_the_admin_is_left_alone(make_partner):
    make_partner("Ajouté par la rédaction", slug="ajoute")
    call_command("load_predess", verbosity=0)
    assert Partner.objects.filter(slug="ajoute", live=True).exists()


@pytest.mark.parametrize(
    "entry,message",
    [
        ({"slug": "x", "name": "X", "kind": "banque"}, "type « banque » inconnu"),
        ({"slug": "x", "name": "X", "kind": "autre", "offers": ["magie"]}, "offre(s) inconnue(s) magie"),
        ({"slug": "x", "name": "X", "kind": "autre", "departements": ["75"]}, "département(s) inconnu(s) 75"),
        ({"slug": "x", "name": "X", "kind": "autre", "fiches": ["9.9"]}, "fiche(s) 9.9 introuvable(s)"),
        ({"slug": "x", "kind": "autre"}, "« name » manque"),
        (
            {"slug": "x", "name": "X", "kind": "autre", "departements": ["21"], "postcode": "89000"},
            "n’est pas dans le ou les départements choisis",
        ),
    ],
)
def test_the_loader_refuses_bad_entries_and_says_which(entry, message):
    with pytest.raises(ContentError) as error:
        wanted_values(entry, {"1.1": object()})
    assert message in str(error.value)
    assert "partenaire « x »" in str(error.value)
