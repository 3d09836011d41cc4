"""The schemes loaded by ``load_predess`` against the plan: every scheme, every amount."""

from decimal import Decimal

import pytest

from fiches.models import Audience, Dispositif, DispositifStatus, Need
from partners.models import Partner

from .conftest import plan_entries, scheme

pytestmark = pytest.mark.django_db

# The amounts the plan gives (DESIGN.md, "Data that must be right"), typed here by hand:
# slug -> (amount_min, amount_max, percentage, percentage_base).
PLAN_AMOUNTS = {
    "prime-pacq": (3000, 3000, None, None),  # PACQ premium: 3 000 €
    "pret-solidaire-adie": (None, 10000, None, None),  # ADIE loans up to 10 000 €
    "pret-honneur-aph": (None, 23000, None, None),  # prêts d'honneur up to 23 000 €
    "pret-creation-entreprise": (2000, 7000, None, None),  # prêt à la création 2 000–7 000 €
    "nacre": (1000, 10000, None, None),  # NACRE 1 000–10 000 €
    "accre": (None, None, None, None),  # ACCRE: an exemption, no amount
    "garantie-fgif": (None, None, Decimal("70"), None),  # FGIF guarantee up to 70 %
    "subvention-agefiph": (None, 10675, None, None),  # AGEFIPH up to 10 675 €
    "contrat-apport-associatif": (5000, 30000, None, None),  # 5 000–30 000 €
    "contrat-amorcage-associatif": (5000, 10000, None, None),  # 5 000–10 000 €
    "france-active-garantie": (None, None, Decimal("65"), 30500),  # up to 65 % of 30 500 €
    "cigales": (None, None, None, None),  # CIGALES: citizens' support, no amount
    "fonds-garantie-tpe": (None, None, None, None),
    "fris": (None, None, None, None),
}
UNDER_CONSTRUCTION = {"fonds-garantie-tpe", "fris"}


def amounts(obj):
    return (obj.amount_min, obj.amount_max, obj.percentage, obj.percentage_base)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("slug", sorted(PLAN_AMOUNTS))
def test_the_plans_amounts_are_numbers_in_both_languages(slug, language):
    loaded = scheme(slug, language)
    assert loaded.live
    assert amounts(loaded) == PLAN_AMOUNTS[slug]


def test_acronyms_and_statuses_named_by_the_plan():
    assert scheme("prime-pacq").acronym == "PACQ"
    assert scheme("nacre").acronym == "NACRE"
    assert scheme("accre").acronym == "ACCRE"
    assert scheme("garantie-fgif").acronym == "FGIF"
    assert scheme("cigales").acronym == "CIGALES"
    assert scheme("fris").acronym == "FRIS"
    assert "AGEFIPH" in scheme("subvention-agefiph").name
    assert scheme("accre").kind.slug == "exoneration"
    assert scheme("garantie-fgif").kind.slug == "garantie"
    statuses = dict(Dispositif.objects.filter(locale__language_code="fr").values_list("slug", "status"))
    assert {slug for slug, status in statuses.items() if status == DispositifStatus.EN_CONSTRUCTION} == (
        UNDER_CONSTRUCTION
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_scheme_of_the_content_file_is_loaded_with_its_numbers(language):
    entries = plan_entries(language)
    assert len(entries) == 31
    loaded = {d.slug: d for d in Dispositif.objects.filter(locale__language_code=language, live=True)}
    assert set(loaded) == {entry["slug"] for entry in entries}
    for entry in entries:
        obj = loaded[entry["slug"]]
        assert obj.name == entry["name"]
        assert obj.acronym == (entry["acronym"] or "")
        assert obj.status == entry["status"]
        percentage = None if entry["percentage"] is None else Decimal(str(entry["percentage"]))
        assert amounts(obj) == (entry["amount_min"], entry["amount_max"], percentage, entry["percentage_base"])
        assert obj.amount_text == (entry["amount_text"] or "")
        assert obj.departement_codes == [str(code) for code in entry["departements"]]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_profiles_needs_and_fiches_follow_the_file_in_the_schemes_language(language):
    for entry in plan_entries("fr"):
        obj = scheme(entry["slug"], language)
        audiences = list(obj.audiences.all())
        needs = list(obj.needs.all())
        fiches = list(obj.fiches.all())
        assert sorted(a.slug for a in audiences) == sorted(entry["audiences"])
        assert sorted(n.slug for n in needs) == sorted(entry["needs"])
        assert sorted(f.number for f in fiches) == sorted(entry["fiches"])
        assert obj.kind.slug == entry["kind"]
        # An English scheme points to the English terms and fiches.
        locales = {o.locale.language_code for o in [*audiences, *needs, *fiches, obj.kind]}
        assert locales == {language}, entry["slug"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_scheme_names_the_partners_who_run_it(language):
    for entry in plan_entries("fr"):
        operators = list(scheme(entry["slug"], language).operators.all())
        assert sorted(p.slug for p in operators) == sorted(entry["operators"]), entry["slug"]
        # The partners of the scheme's language once they are translated, the French ones until then.
        for partner in operators:
            translated = Partner.objects.filter(translation_key=partner.translation_key, locale__language_code=language)
            assert partner.locale.language_code == language or not translated.exists()
    assert [p.slug for p in scheme("prime-pacq").operators.all()] == ["adie"]
    assert set(scheme("dla").operators.values_list("slug", flat=True)) == {
        "pole-economie-solidaire-cote-dor",
        "federation-centres-sociaux-nievre",
        "boutique-de-gestion-saone-et-loire",
        "federation-foyers-ruraux-yonne",
    }


def test_english_schemes_are_translations_with_english_text():
    for entry in plan_entries("en"):
        english = scheme(entry["slug"], "en")
        french = scheme(entry["slug"], "fr")
        assert english.translation_key == french.translation_key
        assert english.name == entry["name"]
        assert english.summary == entry["summary"].strip()
    assert scheme("prime-pacq", "en").amount_text == "grant of €3,000 per project leader"


def test_vocabulary_of_the_finder_is_the_sites_one():
    """Profiles and needs are the shared "Pour qui ?" vocabulary, editable as snippets."""
    used = set(Dispositif.objects.values_list("audiences__slug", flat=True))
    assert used <= set(Audience.objects.values_list("slug", flat=True))
    for slug in ["habitant-zus", "femme-creatrice", "personne-handicap", "association", "cooperative"]:
        assert slug in used
    assert set(Dispositif.objects.values_list("needs__slug", flat=True)) == set(
        Need.objects.filter(locale__language_code="fr").values_list("slug", flat=True)
    )


def test_each_scheme_is_linked_to_the_fiches_that_describe_it():
    wanted = {str(number) for entry in plan_entries() for number in entry["fiches"]}
    for language in ("fr", "en"):
        linked = set(Dispositif.objects.filter(locale__language_code=language).values_list("fiches__number", flat=True))
        assert linked == wanted
