"""The Partner model's rules, the vocabularies and the helpers, without going through HTTP."""

import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from home.choices import Departement
from home.templatetags.structured_data import json_ld_text
from partners.choices import Offer, PartnerKind, in_vocabulary_order
from partners.models import Partner, postcode_error, sort_key
from search.matching import search_words


def test_vocabularies_are_those_of_the_content_file(yaml_partners):
    assert {entry["kind"] for entry in yaml_partners} <= set(PartnerKind.values)
    assert {offer for entry in yaml_partners for offer in entry["offers"]} <= set(Offer.values)
    assert len(PartnerKind) == 9 and len(Offer) == 11
    assert str(PartnerKind.RESEAU.label) == "Réseau / tête de réseau"
    assert str(Offer.HEBERGEMENT_TEST.label) == "Hébergement d’entreprise à l’essai"
    assert in_vocabulary_order(Offer, ["reseau", "financement", "inconnu"]) == [Offer.FINANCEMENT, Offer.RESEAU]


@pytest.mark.parametrize(
    "postcode,departements,ok",
    [
        ("21000", ["21"], True),
        ("58000", ["21", "58"], True),
        ("71100", ["21"], False),
        ("75001", ["21", "58", "71", "89"], False),
        ("75001", [], True),  # a national organisation, no département
        ("", ["89"], True),
    ],
)
def test_postcode_must_belong_to_one_of_the_departements(postcode, departements, ok):
    error = postcode_error(postcode, departements)
    assert (error is None) == ok
    if not ok:
        assert "n’est pas dans le ou les départements choisis" in str(error)
        assert str(Departement(departements[0]).label) in str(error)


def test_sort_key_ignores_case_and_accents():
    names = ["Union", "économie solidaire", "Éducation", "association", "Zèbre"]
    assert sorted(names, key=sort_key) == ["association", "économie solidaire", "Éducation", "Union", "Zèbre"]


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Économie  sociale", ["économie", "sociale"]),
        ('"AND" OR * (NEAR)', ["and", "or", "near"]),
        ("l’économie", ["l", "économie"]),
        ("", []),
        (None, []),
    ],
)
def test_search_words_drop_search_syntax(raw, expected):
    assert search_words(raw) == expected


def test_json_ld_text_cannot_close_its_script():
    data = {"name": "</script><script>alert(1)</script> & <!--", "line": "a\u2028b"}
    text = json_ld_text(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


@pytest.mark.django_db
class TestClean:
    def partner(self, **fields):
        fields = {"name": "Essai", "kind": "autre", **fields}
        return Partner(locale=Locale.objects.get(language_code="fr"), **fields)

    def errors(self, partner):
        with pytest.raises(ValidationError) as error:
            partner.full_clean(exclude=["fiches", "tags"])
        return error.value.message_dict

    def test_slug_is_made_from_the_acronym_or_the_name(self):
        partner = self.partner(acronym="ÉSS 21")
        partner.full_clean(exclude=["fiches", "tags"])
        assert partner.slug == "ess-21"
        partner = self.partner(name="Maison de l’Économie")
        partner.full_clean(exclude=["fiches", "tags"])
        assert partner.slug == "maison-de-leconomie"

    def test_slug_unique_per_locale_and_not_reserved(self):
        assert "Un autre partenaire utilise déjà" in self.errors(self.partner(slug="cress"))["slug"][0]
        assert "réservé" in self.errors(self.partner(slug="flux"))["slug"][0]
        english = self.partner(slug="cress")
        english.locale = Locale.objects.get(language_code="en")
        english.full_clean(exclude=["fiches", "tags"])  # another language may reuse it

    def test_field_messages_are_french(self):
        errors = self.errors(
            self.partner(
                website="ftp://x.example", email="nope", postcode="2100", phone="abc", latitude=95, longitude=5
            )
        )
        assert errors["website"] == ["Saisissez une adresse web complète commençant par http:// ou https://."]
        assert errors["email"] == ["Saisissez une adresse électronique valide, par exemple contact@exemple.fr."]
        assert errors["postcode"] == ["Un code postal s’écrit avec cinq chiffres, par exemple 21000."]
        assert errors["phone"][0].startswith("Saisissez un numéro de téléphone")
        assert errors["latitude"] == ["La latitude est comprise entre -90 et 90."]

    def test_a_logo_needs_its_alternative_text(self):
        from wagtail.images.models import Image

        logo = Image.objects.create(title="Logo", file=get_test_image_file())
        errors = self.errors(self.partner(logo=logo))
        assert errors["logo_alt"] == ["Décrivez le logo pour les personnes qui ne le voient pas."]
        self.partner(logo=logo, logo_alt="Logo de l’essai").full_clean(exclude=["fiches", "tags"])

    def test_territory_and_whole_region(self):
        partner = Partner.objects.get(slug="urscop")
        assert partner.covers_whole_region
        assert str(partner.territory_label) == "Toute la région (les quatre départements)"
        assert str(Partner.objects.get(slug="cnam").territory_label) == "Non précisé"
        assert Partner.objects.get(slug="potentiel-71").territory_label == "Saône-et-Loire (71)"
