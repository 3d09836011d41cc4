"""Template tags of the site's layout: navigation, footer, breadcrumb, numbers."""

from decimal import Decimal

from django import template
from django.utils import formats
from wagtail.models import Page, Site

from home.i18n import active_locale
from home.models import HomePage, LegalPage, SitemapPage
from home.queries import public

register = template.Library()


def _home_for(context):
    """The home page of the current language (the request's, else the French one)."""
    request = context.get("request")
    if request is None:
        return None
    locale = active_locale()
    cache = request.__dict__.setdefault("_predess_home", {})
    if locale.pk not in cache:
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        home = root
        if root is not None and root.locale_id != locale.pk:
            home = HomePage.objects.filter(translation_key=root.translation_key, locale=locale).first() or root
        cache[locale.pk] = home
    return cache[locale.pk]


@register.simple_tag(takes_context=True)
def home_page(context):
    return _home_for(context)


def _home_children(context):
    """The live, public children of the current home page, read once per request."""
    request = context.get("request")
    home = _home_for(context)
    if home is None:
        return []
    cache = request.__dict__.setdefault("_predess_home_children", {})
    if home.pk not in cache:
        cache[home.pk] = list(public(Page.objects.child_of(home).live(), request).order_by("path"))
    return cache[home.pk]


def home_children(request):
    """For views: the live, public children of the current home page (read once per request)."""
    return _home_children({"request": request})


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [page for page in _home_children(context) if page.show_in_menus]
    return {
        "home": _home_for(context),
        "items": [(item, current_path.startswith(item.path), current_path == item.path) for item in items],
        "request": context.get("request"),
    }


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    legal_types = (LegalPage, SitemapPage)
    links = [page for page in _home_children(context) if page.specific_class in legal_types]
    return {"links": links, "request": context.get("request")}


@register.inclusion_tag("components/breadcrumb.html", takes_context=True)
def breadcrumb(context, page):
    if page is None:
        ancestors = []
    elif hasattr(page, "get_route_ancestors"):
        ancestors = page.get_route_ancestors()
    else:
        ancestors = list(page.get_ancestors().filter(depth__gt=1))
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.filter
def number(value, decimal_pos=None):
    """A number in the current language: "5 551" and "12,3" in French, "5,551" in English."""
    if value in (None, ""):
        return ""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal) and decimal_pos is None:
        value = value.normalize()
        exponent = value.as_tuple().exponent
        decimal_pos = max(0, -exponent) if isinstance(exponent, int) else 0
        value = value.quantize(Decimal(1).scaleb(-decimal_pos)) if decimal_pos else value.quantize(Decimal(1))
    formatted = formats.number_format(value, decimal_pos, use_l10n=True, force_grouping=True)
    # French typography groups thousands with a narrow no-break space (5 551).
    return formatted.replace("\xa0", "\u202f")
