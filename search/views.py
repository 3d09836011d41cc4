"""The search page (/recherche/, /en/search/) and the suggestions endpoint."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from home.i18n import active_locale
from home.templatetags.predess_tags import home_children

from . import registry
from .engines import get_engine
from .promotions import read_query, record_search, visible_promotions
from .registry import PageKind
from .service import Selection, site_search
from .terms import parse
from .vocabulary import get_vocabulary

SUGGESTIONS_LIMIT = 8
SUGGESTIONS_MIN_LENGTH = 2


def _query_string(query, selection, **changes):
    values = {"q": query, "type": selection.kind, "departement": selection.departement, "axe": selection.axis}
    values.update(changes)
    return "?" + urlencode({key: value for key, value in values.items() if value})


def _facet_links(facets, terms, selection):
    for facet in facets:
        current = {"type": selection.kind, "departement": selection.departement, "axe": selection.axis}[facet.parameter]
        facet.clear_url = _query_string(terms.text, selection, **{facet.parameter: ""}) if current else None
        for choice in facet.choices:
            value = "" if choice.selected else choice.value
            choice.url = _query_string(terms.text, selection, **{facet.parameter: value})
    return facets


def help_links(request):
    """The index page of each kind that has one (fiches, aids, directory, agenda), in the
    current language, found by its page type among the home page's children."""
    children = home_children(request)
    links = []
    for kind in registry.kinds():
        if not kind.index_page:
            continue
        page = next((child for child in children if child.specific_class is kind.index_page_model), None)
        if page is not None:
            url = page.get_url(request)
            if url:
                links.append((page.title, url))
    return links


def spelling_suggestion(terms, request, locale):
    """ "Vouliez-vous dire …": the closest known titles' words, when they find something."""
    corrected = get_vocabulary(locale).correct(terms.words)
    if not corrected:
        return None
    corrected_terms = parse(" ".join(corrected), get_language())
    if not get_engine().matches(registry.kinds(), corrected_terms, request, locale):
        return None
    return corrected_terms.text


def search(request):
    terms = parse(request.GET.get("q", ""), get_language())
    selection = Selection.from_query(request.GET)
    locale = active_locale()
    first_page = str(selection.page) in ("", "1")
    record = read_query(terms.text) if terms else None
    promotions = []
    if record and first_page and not selection.is_filtered:
        promotions = visible_promotions(record, request, locale)
    promoted_pages = {promotion.page_id for promotion in promotions if promotion.page_id}
    outcome = site_search(
        request,
        terms,
        selection,
        exclude=lambda match: isinstance(match.kind, PageKind) and match.pk in promoted_pages,
    )
    result_count = outcome.unfiltered_total + len(promotions)
    if record and first_page and not selection.is_filtered:
        record_search(record, result_count)
    context = {
        "search_query": terms.text,
        "terms": terms,
        "outcome": outcome,
        "search_results": outcome.page,
        "promotions": promotions,
        "result_count": outcome.total + len(promotions),
        "facets": _facet_links(outcome.facets, terms, selection),
        "selection": selection,
    }
    if not result_count:
        context["help_links"] = help_links(request)
        if terms:
            context["spelling"] = spelling_suggestion(terms, request, locale)
            if context["spelling"]:
                context["spelling_url"] = _query_string(context["spelling"], Selection())
    response = TemplateResponse(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    # The results depend on who is logged in, and each search is counted for the admin's
    # report: no cache may keep them (the page cache stores nothing marked no-cache).
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, no_cache=True)
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


def suggestions(request):
    """Titles, partner and aid names starting with what is being typed, as JSON."""
    terms = parse(request.GET.get("q", ""), get_language())
    items = []
    if len(terms.text) >= SUGGESTIONS_MIN_LENGTH and terms:
        for entry in get_vocabulary().suggest(terms.words, SUGGESTIONS_LIMIT):
            url = entry.kind.url(entry.url_path, entry.url_tail, request)
            if url:
                items.append({"title": entry.title, "url": url, "kind": str(entry.kind.singular)})
    response = JsonResponse({"query": terms.text, "suggestions": items})
    response["X-Robots-Tag"] = "noindex"
    # Public content only, the same for everyone: a shared cache may keep it briefly.
    patch_cache_control(response, public=True, max_age=60)
    return response
