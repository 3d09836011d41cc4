"""The site search: one service for the results page (and, through the vocabulary, the
suggestions), over every registered kind of content.

``site_search(request, terms, selection)`` returns the results of the current language that
this visitor may see, best first, with their facets: a first statement finds every match
(kind, score, départements, axes), facets are counted from it, a second one reads the
titles, links and indexed text of the page of results shown. The number of SQL queries
does not depend on the number of objects or of results.
"""

import html
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from home.choices import Departement
from home.i18n import active_locale

from . import registry
from .engines import get_engine
from .highlight import excerpt, highlight

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class Selection:
    """The facets chosen in the URL (``?type=fiche&departement=21&axe=2``) and the page."""

    kind: str = ""
    departement: str = ""
    axis: str = ""
    page: object = 1

    @classmethod
    def from_query(cls, data):
        kind = data.get("type", "")
        departement = data.get("departement", "")
        axis = data.get("axe", "")
        return cls(
            kind=kind if registry.get_kind(kind) else "",
            departement=departement if departement in Departement.values else "",
            axis=axis if axis in AXES else "",
            page=data.get("page", 1),
        )

    @property
    def is_filtered(self):
        return bool(self.kind or self.departement or self.axis)

    def keeps(self, match, *, ignore=None):
        return (
            (ignore == "kind" or not self.kind or match.kind.key == self.kind)
            and (ignore == "departement" or not self.departement or self.departement in match.departements)
            and (ignore == "axis" or not self.axis or self.axis in match.axes)
        )


AXES = ("1", "2", "3", "4")


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str  # "kind", "departement", "axis"
    parameter: str  # its URL parameter
    label: str
    choices: list


@dataclass
class Result:
    kind: object
    pk: int
    title: str  # HTML, escaped and marked
    url: str
    excerpt: str  # HTML, escaped and marked
    score: float = 0.0


@dataclass
class SearchOutcome:
    terms: object
    selection: Selection
    page: object  # a Django Page of Result
    total: int  # matches with the selected facets
    unfiltered_total: int  # matches before facets
    facets: list = field(default_factory=list)


def _facet_counts(matches, selection):
    kinds, departements, axes = {}, {}, {}
    kind_wanted, departement_wanted, axis_wanted = selection.kind, selection.departement, selection.axis
    for match in matches:
        in_kind = not kind_wanted or match.kind.key == kind_wanted
        in_departement = not departement_wanted or departement_wanted in match.departements
        in_axis = not axis_wanted or axis_wanted in match.axes
        if in_departement and in_axis:
            kinds[match.kind.key] = kinds.get(match.kind.key, 0) + 1
        if in_kind and in_axis:
            for code in match.departements:
                departements[code] = departements.get(code, 0) + 1
        if in_kind and in_departement:
            for number in match.axes:
                axes[number] = axes.get(number, 0) + 1
    facets = [
        Facet(
            "kind",
            "type",
            _("Type de contenu"),
            [
                FacetChoice(kind.key, kind.label, kinds.get(kind.key, 0), kind.key == selection.kind)
                for kind in registry.kinds()
                if kinds.get(kind.key) or kind.key == selection.kind
            ],
        )
    ]
    if departements or selection.departement:
        facets.append(
            Facet(
                "departement",
                "departement",
                _("Département"),
                [
                    FacetChoice(code, label, departements.get(code, 0), code == selection.departement)
                    for code, label in Departement.choices
                    if departements.get(code) or code == selection.departement
                ],
            )
        )
    if axes or selection.axis:
        facets.append(
            Facet(
                "axis",
                "axe",
                _("Axe du plan"),
                [
                    FacetChoice(
                        number, _("Axe %(number)s") % {"number": number}, axes.get(number, 0), number == selection.axis
                    )
                    for number in AXES
                    if axes.get(number) or number == selection.axis
                ],
            )
        )
    return facets


def plain_text(rich_text):
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


def ranked(matches):
    """Best first; equal scores by kind, then newest object first (stable across pages)."""
    return sorted(matches, key=lambda match: (-match.score, match.kind.order, -match.pk))


def site_search(request, terms, selection=Selection(), *, exclude=None, per_page=RESULTS_PER_PAGE):
    """Search every registered kind for ``terms`` as ``request``'s visitor sees the site.

    ``exclude``: a predicate on matches left out (the promoted results shown above them).
    """
    locale = active_locale()
    engine = get_engine()
    kinds = registry.kinds()
    matches = engine.matches(kinds, terms, request, locale) if terms and kinds else []
    if exclude is not None:
        matches = [match for match in matches if not exclude(match)]
    facets = _facet_counts(matches, selection)
    kept = ranked([match for match in matches if selection.keeps(match)])
    paginator = Paginator(kept, per_page)
    page = paginator.get_page(selection.page)
    page.object_list = describe(list(page.object_list), terms, request, locale, engine)
    return SearchOutcome(
        terms=terms,
        selection=selection,
        page=page,
        total=paginator.count,
        unfiltered_total=len(matches),
        facets=facets,
    )


def describe(matches, terms, request, locale, engine=None):
    """``Result``s of ``matches`` (titles, links, excerpts), in one query."""
    if not matches:
        return []
    engine = engine or get_engine()
    wanted = {}
    for match in matches:
        wanted.setdefault(match.kind, set()).add(match.pk)
    descriptions = engine.describe(list(wanted.items()), request, locale)
    results = []
    for match in matches:
        description = descriptions.get((match.kind.key, match.pk))
        if description is None:  # gone since the first query
            continue
        url = match.kind.url(description.url_path, description.url_tail, request)
        if url is None:
            continue
        text = description.index_body or plain_text(description.summary)
        results.append(
            Result(
                kind=match.kind,
                pk=match.pk,
                title=highlight(description.title, terms.words),
                url=url,
                excerpt=excerpt(text, terms.words),
                score=match.score,
            )
        )
    return results
