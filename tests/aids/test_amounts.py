"""One amount formatter for the whole site, in French and in English."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from fiches.amounts import format_amount, format_money, format_percentage
from fiches.models import Dispositif

NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before € and %

CASES = [
    # (amount_min, amount_max, percentage, percentage_base), French, English
    ((None, 10000, None, None), f"jusqu’à 10{NNBSP}000{NNBSP}€", "up to €10,000"),
    ((5000, 30000, None, None), f"de 5{NNBSP}000 à 30{NNBSP}000{NNBSP}€", "€5,000 to €30,000"),
    ((3000, 3000, None, None), f"3{NNBSP}000{NNBSP}€", "€3,000"),
    (
        (None, None, Decimal("65"), 30500),
        f"jusqu’à 65{NNBSP}% d’un montant de 30{NNBSP}500{NNBSP}€",
        "up to 65% of €30,500",
    ),
    ((None, None, Decimal("70.00"), None), f"jusqu’à 70{NNBSP}%", "up to 70%"),
    ((None, None, Decimal("12.5"), None), f"jusqu’à 12,5{NNBSP}%", "up to 12.5%"),
    ((1000, None, None, None), f"à partir de 1{NNBSP}000{NNBSP}€", "from €1,000"),
    ((None, 10675, None, None), f"jusqu’à 10{NNBSP}675{NNBSP}€", "up to €10,675"),
    ((None, 999, None, None), f"jusqu’à 999{NNBSP}€", "up to €999"),
    ((None, 1234567, None, None), f"jusqu’à 1{NNBSP}234{NNBSP}567{NNBSP}€", "up to €1,234,567"),
    ((None, None, None, None), "", ""),
]


@pytest.mark.parametrize(("numbers", "french", "english"), CASES)
def test_format_amount_in_both_languages(numbers, french, english):
    with translation.override("fr"):
        assert format_amount(*numbers) == french
    with translation.override("en"):
        assert format_amount(*numbers) == english


def test_money_and_percentage():
    with translation.override("fr"):
        assert format_money(23000) == f"23{NNBSP}000{NNBSP}€"
        assert format_percentage(Decimal("65.00")) == f"65{NNBSP}%"
    with translation.override("en"):
        assert format_money(23000) == "€23,000"
        assert format_percentage(Decimal("65.00")) == "65%"


@pytest.mark.parametrize(("numbers", "french", "english"), CASES[:4])
def test_template_filter_and_model_use_the_same_formatter(numbers, french, english):
    scheme = Dispositif(amount_min=numbers[0], amount_max=numbers[1], percentage=numbers[2], percentage_base=numbers[3])
    template = Template("{% load aids %}{{ scheme|amount }}|{{ 3000|money }}")
    for language, expected, money in (("fr", french, f"3{NNBSP}000{NNBSP}€"), ("en", english, "€3,000")):
        with translation.override(language):
            assert scheme.amount_label == expected
            assert template.render(Context({"scheme": scheme})) == f"{expected}|{money}"
