"""Page routing in two queries, whatever the depth of the page.

Wagtail's default routing walks the tree one level at a time (a query for the child,
another for its specific class, at every level) and then reads the ancestors again to
check view restrictions. The home page instead looks the whole path up at once by
``url_path``: one query for the page and its ancestors, one for the specific page. When
the path goes on beyond the deepest page found (a RoutablePageMixin sub-route such as
``/partenaires/<slug>/``, ``/aides/<slug>/``), that page routes the rest, as Wagtail
would.

The pages found for a page's own address are kept for the content generation
(``pagecache.memo``: the same for every visitor; view restrictions are checked after
routing, on every request): a rendered section, fiche or standard page is then routed
without a query. Not for the pages of which there are thousands (events:
``route_kept = False``), not for sub-routes, never for an address that leads nowhere.
"""

import hashlib

from wagtail.models import Page

from pagecache import memo

from .queries import page_view_restrictions


class PathRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            # The home page itself: no ancestor below the root, nothing to look up again
            # when its view restrictions are checked (twice per request otherwise).
            self._route_ancestors = []
            self._route_request = request
            return super().route(request, path_components)
        path = "/".join(path_components)
        name = f"route:{self.pk}:{hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()}"
        found = memo.lookup(request, name)
        if found is memo.MISSING:
            found = self._find_chain(path_components)
            if found is None:
                return super().route(request, path_components)
            between, page, translations = found
            if len(between) + 1 == len(path_components) and getattr(page, "route_kept", False):
                # The path is a page's own address: its pages kept for the content
                # generation (not a sub-route, never an address that leads nowhere).
                memo.store(request, name, found)
        between, page, translations = found
        ancestors = [self, *between]
        page._route_ancestors = ancestors
        page._route_request = request
        page._route_translations = translations
        if request is not None:
            request._predess_ancestors = ancestors
        # The deepest page found routes the rest: with nothing left it serves itself (when
        # live); a RoutablePageMixin page resolves its sub-route (``/partenaires/<slug>/``,
        # ``/aides/<slug>/``); any other page looks for a child as Wagtail does (and 404s).
        return page.route(request, path_components[len(between) + 1 :])

    def _find_chain(self, path_components):
        """``(pages between, deepest page (specific), its translations)`` of the longest
        beginning of the path that is a page, or ``None``: two queries, whatever the depth."""
        prefixes = [
            self.url_path + "/".join(path_components[:depth]) + "/" for depth in range(1, len(path_components) + 1)
        ]
        # One query: the pages of the path and all their translations (for the language
        # switcher and hreflang links), recognised by their translation keys.
        chain_keys = Page.objects.filter(url_path__in=prefixes).values("translation_key")
        candidates = list(Page.objects.filter(translation_key__in=chain_keys))
        found = {page.url_path: page for page in candidates if page.url_path in prefixes}
        chain = []
        for prefix in prefixes:
            if prefix not in found:
                break
            chain.append(found[prefix])
        if not chain:
            return None
        translations = [p for p in candidates if p.locale_id != self.locale_id]
        return chain[:-1], chain[-1].specific, translations


class RouteAwareViewRestrictionsMixin:
    """Use the ancestors found while routing to check view restrictions in one query."""

    def get_view_restrictions(self):
        ancestors = getattr(self, "_route_ancestors", None)
        if ancestors is None or self.alias_of_id or any(a.alias_of_id for a in ancestors):
            return super().get_view_restrictions()
        # The restrictions read once for this request (shared with the page's listings).
        page_ids = {self.pk, *(a.pk for a in ancestors)}
        return [r for r in page_view_restrictions(getattr(self, "_route_request", None)) if r.page_id in page_ids]

    def get_route_ancestors(self):
        """Ancestors below the root (home first), without a query when routing found them."""
        ancestors = getattr(self, "_route_ancestors", None)
        if ancestors is None:
            ancestors = list(self.get_ancestors().filter(depth__gt=1))
            self._route_ancestors = ancestors
        return ancestors
