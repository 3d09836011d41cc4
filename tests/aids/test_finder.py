"""The finder at /aides/: who you are, what you need, how much, where — and what it answers."""

import pytest

from fiches.models import DispositifStatus

from .conftest import result_slugs, scheme, soup

pytestmark = pytest.mark.django_db


def find(client, language="fr", **params):
    url = "/aides/" if language == "fr" else "/en/aids/"
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_without_answers_every_live_scheme_is_listed(client):
    response = find(client)
    slugs = result_slugs(response)
    assert len(slugs) == 31
    assert "31 dispositifs correspondent à votre recherche." in soup(response).select_one("#aid-results-count").text
    # Schemes in place first, the tools being built after them.
    assert set(slugs[-2:]) == {"fonds-garantie-tpe", "fris"}


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        # A person living in a ZUS finds the PACQ premium.
        ({"profil": "habitant-zus"}, {"prime-pacq"}, set()),
        ({"profil": "habitant-zus", "besoin": "prime-subvention"}, {"prime-pacq"}, set()),
        # A woman creating her business finds the FGIF guarantee.
        ({"profil": "femme-creatrice"}, {"garantie-fgif"}, set()),
        ({"profil": "femme-creatrice", "besoin": "garantie"}, {"garantie-fgif"}, set()),
        # An association looking for a loan finds the contrat d'apport associatif.
        (
            {"profil": "association", "besoin": "pret"},
            {"contrat-apport-associatif", "contrat-amorcage-associatif"},
            set(),
        ),
        # A person with a disability finds the AGEFIPH grant.
        ({"profil": "personne-handicap"}, {"subvention-agefiph"}, set()),
        # A jobseeker: ASSEDIC aids and the solidarity and honour loans.
        ({"profil": "demandeur-emploi", "besoin": "prime-subvention"}, {"aides-assedic"}, set()),
        ({"profil": "demandeur-emploi", "besoin": "pret"}, {"pret-solidaire-adie", "pret-honneur-aph"}, set()),
        ({"profil": "structure-iae"}, {"aides-structures-iae", "dla"}, set()),
        ({"profil": "groupement-employeurs"}, {"aide-groupements-employeurs"}, set()),
        ({"profil": "tete-de-reseau"}, {"convention-pluriannuelle-tetes-de-reseau"}, set()),
        ({"profil": "cooperative", "besoin": "accompagnement"}, {"accompagnement-urscop", "dla"}, set()),
        ({"profil": "porteur-de-projet", "besoin": "exoneration"}, {"accre"}, set()),
        # Testing one's activity: the couveuse (Saône-et-Loire) and the CAE (Côte-d'Or).
        ({"besoin": "test-activite"}, {"couveuse-contrat-cape", "cooperative-activite-emploi"}, set()),
        ({"besoin": "test-activite", "departement": "21"}, {"cooperative-activite-emploi"}, {"couveuse-contrat-cape"}),
        ({"besoin": "test-activite", "departement": "71"}, {"couveuse-contrat-cape"}, {"cooperative-activite-emploi"}),
        # Schemes of the whole region are found from every département.
        ({"besoin": "fonds-propres", "departement": "89"}, {"cigales", "fris"}, set()),
        (
            {"besoin": "garantie"},
            {"garantie-fgif", "garantie-oseo-sofaris", "france-active-garantie", "fonds-garantie-tpe"},
            set(),
        ),
        (
            {"profil": "salarie-benevole", "besoin": "formation"},
            {"formations-acteurs-ess", "formation-benevoles-crajep"},
            set(),
        ),
    ],
)
def test_profile_and_need_combinations_the_plan_makes_meaningful(client, params, expected, absent):
    slugs = set(result_slugs(find(client, **params)))
    if absent:
        assert expected <= slugs and not (absent & slugs), slugs
    else:
        assert slugs == expected


def test_a_combination_without_scheme_says_so_and_offers_a_way_out(client):
    response = find(client, profil="tete-de-reseau", besoin="pret")
    page = soup(response)
    assert result_slugs(response) == []
    count = page.select_one("#aid-results-count").text
    assert count.startswith("Aucun dispositif ne correspond à votre recherche.")
    assert "(Tête de réseau, fédération, Un prêt)" in count
    assert "Aucun dispositif du plan ne correspond" in page.select_one(".empty-results").text
    assert page.select_one(".empty-results a")["href"] == "/aides/"


def test_a_result_shows_name_kind_amount_audience_operator_fiche_and_status(client):
    response = find(client, besoin="garantie")
    cards = {card.select_one(".card__title a")["href"]: card for card in soup(response).select(".card--aid")}
    card = cards["/aides/france-active-garantie/"]
    facts = {div.dt.get_text(strip=True): div.dd for div in card.select(".aid-facts > div")}
    assert card.select_one(".card__title").get_text(strip=True) == "France Active Garantie"
    assert facts["Type d’aide"].get_text(strip=True) == "Une garantie"
    assert facts["Montant"].get_text(strip=True) == "jusqu’à 65\u202f% d’un montant de 30\u202f500\u202f€"
    assert "Structure de l'économie sociale et solidaire" in facts["Pour qui"].text
    runner = facts["Qui le porte"].a
    assert (runner.get_text(strip=True), runner["href"]) == ("Bourgogne Active", "/partenaires/bourgogne-active/")
    fiche_link = facts["Fiche du PREDESS"].a
    assert fiche_link.get_text(strip=True).startswith("Fiche 1.3")
    assert fiche_link["href"] == scheme("france-active-garantie").fiches.get().url
    assert not card.select(".badge")
    # A scheme whose operator the plan does not name says so.
    tpe_facts = {
        div.dt.get_text(strip=True): div.dd for div in cards["/aides/fonds-garantie-tpe/"].select(".aid-facts > div")
    }
    assert tpe_facts["Qui le porte"].get_text(strip=True) == "Non précisé par le plan"
    # Name and acronym.
    pacq = soup(find(client, profil="habitant-zus")).select_one(".card--aid .card__title").get_text(strip=True)
    assert pacq == "Prime du Programme d’Aide à la Création dans les Quartiers (PACQ)"
    # Tools not yet in place carry a visible status.
    tpe = cards["/aides/fonds-garantie-tpe/"]
    assert tpe.select_one(".badge--construction").get_text(strip=True) == "En cours de construction"


def test_amount_as_the_plan_states_it_when_it_has_no_numbers(client):
    cards = soup(find(client, besoin="exoneration")).select(".card--aid")
    montant = [div.dd.get_text(strip=True) for div in cards[0].select(".aid-facts > div") if div.dt.text == "Montant"]
    assert montant == ["Exonération de charges sociales"]


# --- The amount -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "inside", "outside"),
    [
        # Loans: 25 000 € is within the contrat d'apport associatif (5 000–30 000), above the others.
        (
            "25000",
            {"contrat-apport-associatif", "aides-structures-iae"},
            {
                "pret-solidaire-adie",
                "pret-honneur-aph",
                "nacre",
                "pret-creation-entreprise",
                "contrat-amorcage-associatif",
            },
        ),
        ("23000", {"pret-honneur-aph", "contrat-apport-associatif"}, {"pret-solidaire-adie", "nacre"}),
        ("23001", {"contrat-apport-associatif"}, {"pret-honneur-aph"}),
        (
            "1000",
            {"nacre", "pret-solidaire-adie", "pret-honneur-aph"},
            {"pret-creation-entreprise", "contrat-apport-associatif"},
        ),
        ("2000", {"pret-creation-entreprise", "nacre"}, {"contrat-amorcage-associatif"}),
        ("7000", {"pret-creation-entreprise", "contrat-amorcage-associatif"}, set()),
        ("7001", {"contrat-amorcage-associatif"}, {"pret-creation-entreprise"}),
        ("0", {"pret-solidaire-adie"}, {"nacre", "pret-creation-entreprise"}),
        # Spaces, a euro sign or the word "euros" are understood.
        ("25 000", {"contrat-apport-associatif"}, {"nacre"}),
        ("25\u202f000\u00a0€", {"contrat-apport-associatif"}, {"nacre"}),
        ("25000 euros", {"contrat-apport-associatif"}, {"nacre"}),
    ],
)
def test_amount_filter_on_loans(client, amount, inside, outside):
    slugs = set(result_slugs(find(client, besoin="pret", montant=amount)))
    assert inside <= slugs, slugs
    assert not (outside & slugs), slugs


def test_amount_filter_on_a_percentage_uses_its_base_and_keeps_schemes_without_amount(client):
    within = set(result_slugs(find(client, besoin="garantie", montant="30500")))
    above = set(result_slugs(find(client, besoin="garantie", montant="30501")))
    assert "france-active-garantie" in within
    assert "france-active-garantie" not in above
    # FGIF (a percentage with no base) and schemes the plan gives no amount for stay.
    assert {"garantie-fgif", "garantie-oseo-sofaris", "fonds-garantie-tpe"} <= above


def test_a_fixed_premium_matches_its_own_amount_only(client):
    assert "prime-pacq" in result_slugs(find(client, profil="habitant-zus", montant="3000"))
    assert "prime-pacq" not in result_slugs(find(client, profil="habitant-zus", montant="2000"))
    assert "subvention-agefiph" in result_slugs(find(client, profil="personne-handicap", montant="10675"))
    assert "subvention-agefiph" not in result_slugs(find(client, profil="personne-handicap", montant="10676"))


def test_the_amount_rule_is_explained_on_the_page(client):
    help_text = soup(find(client)).select_one("#id_montant_helptext").text
    assert "compris entre son minimum et son maximum" in help_text
    assert "ne dépasse pas le montant garanti" in help_text


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "Le montant ne peut pas être négatif."),
        ("-5000", "Le montant ne peut pas être négatif."),
        ("abc", "Indiquez un montant en euros, en chiffres et sans centimes, par exemple 15000."),
        ("12,50", "Indiquez un montant en euros, en chiffres et sans centimes, par exemple 15000."),
        ("1e9", "Indiquez un montant en euros, en chiffres et sans centimes, par exemple 15000."),
        ("²", "Indiquez un montant en euros, en chiffres et sans centimes, par exemple 15000."),
        ("100000001", "Indiquez un montant d’au plus 100\u202f000\u202f000\u202f€."),
        ("9" * 5000, "Indiquez un montant d’au plus 100\u202f000\u202f000\u202f€."),
    ],
)
def test_a_wrong_amount_is_a_french_form_error_never_a_500(client, amount, message):
    response = find(client, besoin="pret", montant=amount)
    page = soup(response)
    assert page.select_one("#id_montant_errors").get_text(strip=True) == message
    field = page.select_one("#id_montant")
    assert field["aria-invalid"] == "true"
    assert "id_montant_errors" in field["aria-describedby"]
    summary = page.select_one("#error-summary")
    assert summary["role"] == "alert"
    assert summary.select_one('a[href="#id_montant"]')
    # The other answers still count.
    assert set(result_slugs(response)) == set(result_slugs(find(client, besoin="pret")))


def test_unknown_choices_are_form_errors_too(client):
    response = find(client, profil="martien", besoin="pret", departement="75")
    page = soup(response)
    assert page.select_one("#id_profil_errors")
    assert page.select_one("#id_departement_errors")
    assert set(result_slugs(response)) == set(result_slugs(find(client, besoin="pret")))


def test_the_form_keeps_the_answers_and_offers_only_profiles_with_schemes(client):
    page = soup(find(client, profil="association", besoin="pret", montant="8000", departement="58"))
    assert page.select_one("#id_profil option[selected]")["value"] == "association"
    assert page.select_one("#id_besoin option[selected]")["value"] == "pret"
    assert page.select_one("#id_departement option[selected]")["value"] == "58"
    assert page.select_one("#id_montant")["value"] == "8000"
    profiles = {option["value"] for option in page.select("#id_profil option")}
    assert {"", "habitant-zus", "femme-creatrice", "personne-handicap", "association"} <= profiles
    assert "grand-public" not in profiles  # no scheme is for them: not offered
    assert page.select_one("#aid-finder-form")["method"] == "get"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, follow"


def test_a_closed_scheme_leaves_the_finder_but_keeps_its_page(client):
    closed = scheme("nacre")
    closed.status = DispositifStatus.FERME
    closed.save_revision().publish()
    assert "nacre" not in result_slugs(find(client))
    response = client.get("/aides/nacre/")
    assert response.status_code == 200
    assert soup(response).select_one(".badge--closed").get_text(strip=True) == "Fermé"


# --- In English --------------------------------------------------------------------------


def test_the_english_finder_answers_in_english(client):
    response = find(client, "en", profil="association", besoin="pret", montant="25000")
    page = soup(response)
    assert page.html["lang"] == "en"
    assert result_slugs(response) == ["contrat-apport-associatif"]
    card = page.select_one(".card--aid")
    facts = {div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in card.select(".aid-facts > div")}
    assert facts["Amount"] == "€5,000 to €30,000"
    assert facts["Type of aid"] == "A loan"
    assert "Association" in facts["Who for"]
    assert card.select_one(".card__title a")["href"] == "/en/aids/contrat-apport-associatif/"
    assert "/en/fiches/" in card.select_one(".aid-facts a[href*=fiche]")["href"]
    assert page.select_one('#id_profil option[value="habitant-zus"]').text == "Resident of a sensitive urban area (ZUS)"
    error = soup(find(client, "en", montant="-1")).select_one("#id_montant_errors").get_text(strip=True)
    assert error == "The amount cannot be negative."
