"""Template tags of the aid schemes: their amount, money, and the finder's address."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from fiches.amounts import format_amount, format_money
from home.templatetags.predess_tags import _home_children

register = template.Library()


@register.filter
def amount(scheme):
    """``{{ dispositif|amount }}``: "jusqu’à 10 000 €" / "up to €10,000" (see fiches.amounts)."""
    return format_amount(scheme.amount_min, scheme.amount_max, scheme.percentage, scheme.percentage_base)


@register.filter
def money(value):
    """``{{ 3000|money }}``: "3 000 €" / "€3,000"."""
    if value in (None, ""):
        return ""
    return format_money(value)


@register.simple_tag(takes_context=True)
def aid_finder_url(context):
    """The address of the aid finder in the current language, found among the home page's
    children that the navigation reads anyway (no query of its own); "" without one."""
    from fiches.models import AidFinderPage

    for page in _home_children(context):
        if page.specific_class is AidFinderPage:
            return page.get_url(context.get("request"))
    return ""


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def aid_json_ld(data):
    """A ``<script type="application/ld+json">`` element that ``</script>`` cannot end early."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
