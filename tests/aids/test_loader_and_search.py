"""The loader step of the schemes is idempotent and respects editors; schemes are indexed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Revision

from fiches.aid_loaders import SchemeTerms, wanted_values
from fiches.models import AidFinderPage, Dispositif
from home.content import ContentError

from .conftest import plan_entries, scheme

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    schemes = Dispositif.objects.count()
    revisions = Revision.objects.count()
    call_command("load_predess", verbosity=0)
    assert Dispositif.objects.count() == schemes == 62
    assert Revision.objects.count() == revisions
    assert AidFinderPage.objects.count() == 2


def test_an_edited_scheme_and_its_translation_are_kept_unless_forced():
    editor = get_user_model().objects.create_user("redaction", password="x" * 16)
    french, english = scheme("nacre"), scheme("nacre", "en")
    french.amount_max = 11000
    french.save_revision(user=editor).publish()
    english.name = "NACRE, reviewed"
    english.save_revision(user=editor).publish()

    call_command("load_predess", verbosity=0)
    assert scheme("nacre").amount_max == 11000
    assert scheme("nacre", "en").name == "NACRE, reviewed"

    call_command("load_predess", "--force", verbosity=0)
    assert scheme("nacre").amount_max == 10000
    assert scheme("nacre", "en").name == "NACRE scheme"
    assert scheme("nacre", "en").amount_max == 10000


def test_a_deleted_scheme_comes_back_with_its_translation():
    for obj in Dispositif.objects.filter(slug="cigales"):
        obj.delete()
    call_command("load_predess", verbosity=0)
    assert scheme("cigales").live and scheme("cigales", "en").live
    assert scheme("cigales", "en").translation_key == scheme("cigales").translation_key


def test_a_changed_translation_source_is_translated_again():
    french = scheme("accre")
    french.summary = "Résumé changé hors chargeur."
    french.save_revision().publish()  # no user: the loader's own kind of revision
    call_command("load_predess", verbosity=0)
    assert scheme("accre").summary.startswith("Exonération de charges sociales pour les créateurs")
    assert not scheme("accre", "en").summary.startswith("Résumé")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"audiences": ["martiens"]}, "public(s) inconnu(s) : martiens"),
        ({"needs": ["pret", "rêve"]}, "besoin(s) inconnu(s) : rêve"),
        ({"fiches": ["9.9"]}, "fiche(s) inconnu(s) : 9.9"),
        ({"operators": ["adie", "inconnue"]}, "partenaire(s) inconnu(s) : inconnue"),
        ({"kind": "cadeau"}, "type d’aide « cadeau » inconnu"),
        ({"status": "peut-être"}, "statut « peut-être » inconnu"),
        ({"departements": ["75"]}, "département(s) inconnu(s) 75"),
        ({"amount_max": "beaucoup"}, "« amount_max » doit être un nombre"),
        ({"amount_min": -5}, "« amount_min » ne peut pas être négatif"),
        ({"name": ""}, "« name » manque"),
    ],
)
def test_a_wrong_entry_is_refused_with_its_name(change, message):
    entry = {**plan_entries()[0], **change}
    with pytest.raises(ContentError, match=re.escape(message)) as error:
        wanted_values(entry, SchemeTerms(scheme("nacre").locale))
    assert "prime-pacq" in str(error.value) or "name" in change


@pytest.mark.parametrize(
    ("query", "slug"), [("PACQ", "prime-pacq"), ("amorçage", "contrat-amorcage-associatif"), ("CIGALES", "cigales")]
)
def test_schemes_are_in_the_search_index(query, slug):
    french = Dispositif.objects.live().filter(locale=Locale.objects.get(language_code="fr"))
    results = list(french.search(query))
    assert slug in [result.slug for result in results]
    assert all(result.locale.language_code == "fr" and result.live for result in results)
    english = Dispositif.objects.live().filter(locale=Locale.objects.get(language_code="en"))
    assert slug in [result.slug for result in english.search(query)]


def test_search_filters_on_status():
    results = Dispositif.objects.live().filter(status="en-construction").search("fonds")
    assert {result.slug for result in results} <= {"fonds-garantie-tpe", "fris"}
    assert results
