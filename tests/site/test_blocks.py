"""Every StreamField block renders its preview value; cross-field rules hold."""

import pytest
from django.utils import translation
from wagtail.blocks import StructBlockValidationError

from home.blocks import BarChartBlock, BodyStreamBlock, CallToActionBlock


@pytest.mark.parametrize("name", [n for n in BodyStreamBlock.base_blocks if n != "image"])
def test_block_renders_its_preview_value(name):
    block = BodyStreamBlock.base_blocks[name]
    value = block.get_preview_value()
    html = block.render(value)
    assert html.strip()
    assert "None" not in html


def test_bar_chart_requires_one_value_per_series():
    block = BarChartBlock()
    value = block.to_python(
        {"title": "T", "unit": "%", "series": ["Bourgogne", "France"], "rows": [{"label": "ESS", "values": [17]}]}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


@translation.override("fr")
def test_bar_chart_renders_svg_and_table_with_the_same_numbers():
    block = BarChartBlock()
    value = block.to_python(
        {
            "title": "Croissance",
            "unit": "%",
            "series": ["Bourgogne", "France"],
            "rows": [{"label": "ESS", "values": [17, 16.6]}, {"label": "Autres", "values": [4.5, 6]}],
            "source": "Recherche et solidarité, 2007",
        }
    )
    html = block.render(value)
    assert html.count("<rect") == 4
    assert "<table" in html and "16,6" in html and "4,5" in html
    assert 'role="img"' in html


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Voir", "page": None, "url": ""}))
