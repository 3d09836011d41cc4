"""Machine-readable data in pages: schema.org JSON-LD written safely into a <script>."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could end the <script> element or open an HTML comment/entity inside
# it, written as JSON escapes (the data stays the same once parsed).
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def json_ld_text(data):
    """``data`` as JSON that is safe inside a <script> element (``</script>`` cannot appear)."""
    return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)


@register.simple_tag
def json_ld(data):
    """``{% json_ld data %}``: a ``<script type="application/ld+json">`` element, or nothing."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_ld_text(data)))
