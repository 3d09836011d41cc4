"""Template tags of the site's layout: navigation, footer, breadcrumb, numbers."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.i18n import active_locale, language_code_of
from home.models import HomePage, LegalPage, SitemapPage
from home.queries import page_view_restrictions, public
from pagecache.memo import per_generation

register = template.Library()


def _home_for(context):
    """The home page of the current language (the request's, else the French one)."""
    request = context.get("request")
    if request is None:
        return None
    locale = active_locale()
    cache = request.__dict__.setdefault("_predess_home", {})
    page = context.get("page")
    if locale.pk not in cache and isinstance(page, Page) and page.locale_id == locale.pk:
        # The page being served already knows its home page (routing found its ancestors).
        if page.depth == 2:
            cache[locale.pk] = page
        elif getattr(page, "_route_ancestors", None):
            cache[locale.pk] = page._route_ancestors[0]
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
        cache[home.pk] = per_generation(
            request,
            f"home-children:{home.pk}",
            lambda: list(public(Page.objects.child_of(home).live(), request).order_by("path")),
        )
    return cache[home.pk]


def home_children(request, page=None):
    """For views: the live, public children of the current home page (read once per request).

    ``page``, the page being served, lets its routing tell which home page it is under
    (no query for it)."""
    return _home_children({"request": request, "page": page})


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [page for page in _home_children(context) if page.show_in_menus]
    # On a sub-route of a page (``/aides/<slug>/``) the page's link is an ancestor's, not
    # the current page's.
    request = context.get("request")
    on_sub_route = (
        getattr(request, "routable_resolver_match", None) is not None
        and isinstance(current, Page)
        and request.path != current.get_url(request)
    )
    return {
        "home": _home_for(context),
        "items": [
            (item, current_path.startswith(item.path), current_path == item.path and not on_sub_route) for item in items
        ],
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


def _page_in_each_language(page, request):
    """{language code: page or nearest translated ancestor} for a page, in one query."""
    chain = [*page.get_route_ancestors(), page] if hasattr(page, "get_route_ancestors") else [page]
    keys = [p.translation_key for p in chain]
    depth_of = {p.translation_key: index for index, p in enumerate(chain)}
    known = getattr(page, "_route_translations", None)
    if known is not None:
        # Routing already read the translations: keep the live, public ones.
        restricted = [r.page.path for r in page_view_restrictions(request)]
        candidates = [p for p in [*known, *chain] if p.live and not p.path.startswith(tuple(restricted) or ("\0",))]
    else:
        candidates = public(Page.objects.live().filter(translation_key__in=keys), request)
    best = {}
    for candidate in candidates:
        code = language_code_of(candidate.locale_id)
        if code not in best or depth_of[candidate.translation_key] > depth_of[best[code].translation_key]:
            best[code] = candidate
    return best


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page (or view) in each language: code, name, URL, exact or fallback."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_predess_language_links", None)
    if cached is not None:
        return cached
    current = get_language()
    page = context.get("page")
    # A sub-route of a page (``/aides/<slug>/``) gives, per language, its path below the
    # page's translation (``route_paths``); a language it does not list falls back to the
    # page in that language, not announced as the same content.
    route_paths = context.get("route_paths")
    links = []
    pages = _page_in_each_language(page, request) if isinstance(page, Page) and page.pk else {}
    for code, name in settings.LANGUAGES:
        target = pages.get(code)
        if target is not None:
            url = target.get_url(request)
            exact = target.translation_key == page.translation_key
            if route_paths is not None:
                exact = exact and code in route_paths
                url += route_paths[code] if exact else ""
        else:
            url = translate_url(request.get_full_path(), code)
            exact = not pages
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
                "exact": exact,
            }
        )
    request._predess_language_links = links
    return links


def localize_terms(terms, request=None):
    """Translatable vocabulary terms in the active language, with one query per model and
    request; a term not yet translated stays as it is, with ``fallback_lang`` set."""
    terms = list(terms)
    if not terms:
        return terms
    locale = active_locale()
    cache = request.__dict__.setdefault("_predess_terms", {}) if request is not None else {}
    result = []
    for term in terms:
        if term.locale_id == locale.pk:
            result.append(term)
            continue
        key = (type(term)._meta.label, locale.pk)
        if key not in cache:
            cache[key] = {t.translation_key: t for t in type(term).objects.filter(locale=locale)}
        translated = cache[key].get(term.translation_key)
        if translated is None:
            term.fallback_lang = settings.LANGUAGE_CODE
            translated = term
        result.append(translated)
    return result


@register.simple_tag(takes_context=True)
def localized(context, terms):
    """``{% localized fiche.audiences.all as audiences %}``: the terms in the page's language."""
    return localize_terms(terms, context.get("request"))


# Widths (px) of the renditions offered to the browser, and its formats, best first; the
# last one is the fallback of the <img>.
RESPONSIVE_WIDTHS = (480, 800, 1200)
RESPONSIVE_FORMATS = ("avif", "webp")


@register.simple_tag
def responsive_image(
    image, sizes="(min-width: 62em) 50rem, 100vw", widths=RESPONSIVE_WIDTHS, *, eager=False, fallback="jpeg", **attrs
):
    """``<picture>`` with AVIF and WebP sources in several widths, and an ``<img>`` with
    ``width``/``height`` (no layout shift) and ``srcset``; lazy unless ``eager`` (an image
    at the top of the page: loaded at once, with high priority). ``widths`` may be "120,240".
    Every image of the site goes through here (image blocks, logos)."""
    from wagtail.images.models import Filter, Picture
    from wagtail.images.shortcuts import get_renditions_or_not_found

    if not image:
        return ""
    if isinstance(widths, str):
        widths = [int(width) for width in widths.split(",")]
    usable = sorted({min(width, image.width) for width in widths})
    specs = [f"width-{width}|format-{fmt}" for fmt in (*RESPONSIVE_FORMATS, fallback) for width in usable]
    renditions = get_renditions_or_not_found(image, [Filter(spec=spec) for spec in specs])
    attrs = {"sizes": sizes, "decoding": "async", **attrs}
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    if "css_class" in attrs:
        attrs["class"] = attrs.pop("css_class")
    return Picture(renditions, attrs).__html__()
