import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Page

from home.i18n import active_locale
from home.queries import viewable

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Full-text engines give meaning to quotes, stars, parentheses, colons, NEAR/OR/AND…:
# the visitor's words are searched as plain words.
_OPERATOR_CHARS = re.compile(r"[^\w\s'’-]", re.UNICODE)


def plain_words(query):
    words = _OPERATOR_CHARS.sub(" ", query).replace("’", " ").replace("'", " ").replace("-", " ")
    return " ".join(word for word in words.split() if word.upper() not in {"OR", "AND", "NOT", "NEAR"})


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = plain_words(query)
    results = Page.objects.none()
    if terms:
        # Private pages only for those who may read them (e.g. ARDESS participants).
        pages = viewable(Page.objects.live().filter(locale=active_locale()), request)
        results = pages.specific().search(terms, operator="and")
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    response = TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_obj, "result_count": paginator.count},
    )
    response["X-Robots-Tag"] = "noindex"
    # The results depend on who is logged in: no shared cache may keep them.
    patch_vary_headers(response, ["Cookie"])
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response
