"""Values that change only with the content, computed once per content generation.

``per_generation(request, "nav:3", compute)`` returns ``compute()``, kept in the page
cache under the current generation while ``PAGE_MEMO_SECONDS`` > 0 (independent of
``PAGE_CACHE_SECONDS``: pages that are rendered, because they are not in the page cache
or the page cache is off, use it too): any content change makes it stale at the same
moment as the cached pages. The parts that every page repeats (the page view
restrictions, the main navigation, the site of the request) then cost a cache get
instead of a query on every page rendered; reading the generation costs one query (or a
Redis get). Only for values that are the same for every visitor.
"""

from django.conf import settings

from . import generation

MISSING = object()


def enabled():
    return settings.PAGE_MEMO_SECONDS > 0


def per_generation(request, name, compute):
    value = lookup(request, name)
    if value is MISSING:
        value = compute()
        store(request, name, value)
    return value


def _key(request, name):
    return f"memo:{generation.current(request)}:{name}"


def lookup(request, name):
    """The value kept under ``name`` for the current generation, or ``MISSING``: for a
    value that is cheaper to compute inside a query the page makes anyway (``store`` it
    then) than in a query of its own."""
    if request is None or not enabled():
        return MISSING
    return generation.page_cache().get(_key(request, name), MISSING)


def store(request, name, value):
    if request is not None and enabled():
        generation.page_cache().set(_key(request, name), value, settings.PAGE_MEMO_SECONDS)


def prime_site(request):
    """Wagtail's ``Site.find_for_request`` for this host and port, from the memo."""
    if hasattr(request, "_wagtail_site") or not enabled():
        return
    from wagtail.models import Site

    host = request._get_raw_host()
    site = per_generation(request, f"site:{host}:{request.get_port()}", lambda: Site._find_for_request(request))
    if site is not None and site.root_page_id:
        # Its home page, as Wagtail's ``serve`` reads it (``site.root_page…specific``).
        root = per_generation(request, f"site-root:{site.root_page_id}", lambda: site.root_page.specific)
        Site._meta.get_field("root_page").set_cached_value(site, root)
    request._wagtail_site = site
