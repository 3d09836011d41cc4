"""The directory's search and filters: what the URL asks for, the matching partners and
how many partners each filter option would give.

Everything the page needs is computed with five queries, whatever the number of
partners: one for the type and département counts together, one for the offers, one for
the fiches (which also checks the ``fiche`` value), the page of results, and the offers
and départements of that page (one UNION). The total is read from the type counts (every
partner has exactly one type), so it costs no query of its own. The three counting
queries read the whole directory: without search words, their results are kept once per
content generation (``pagecache.memo``, the same for every visitor), so a list rendered
again before the next published change reads only its page of results.

Filters combine (AND). The count shown beside an option is the number of results the
list would have if that option were chosen, the other filters staying as they are.
Values that are not in a vocabulary are ignored, so a hand-edited or outdated URL gives
the unfiltered list for that filter rather than an error.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from home.choices import Departement
from pagecache import memo
from search.matching import matching, search_words

from .choices import WHOLE_REGION, Offer, PartnerKind
from .models import Partner, PartnerDepartement, PartnerOffer

MAX_QUERY_LENGTH = 200
FICHE_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}")
FILTER_NAMES = ("kind", "offer", "departement", "fiche")


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


def departement_name(departement):
    """ "Côte-d’Or" for ``Departement.COTE_D_OR`` (its label without the number)."""
    return str(departement.label).rsplit(" (", 1)[0]


def offer_condition(value):
    return Exists(PartnerOffer.objects.filter(partner_id=OuterRef("pk"), offer=value))


def departement_condition(value):
    if value == WHOLE_REGION:
        everywhere = (
            PartnerDepartement.objects.values("partner_id")
            .annotate(total=Count("pk"))
            .filter(total=len(Departement))
            .values("partner_id")
        )
        return Q(pk__in=everywhere)
    return Exists(PartnerDepartement.objects.filter(partner_id=OuterRef("pk"), departement=value))


def fiche_condition(fiche_key):
    """Partners citing the fiche of translation key ``fiche_key``, in any language (the
    English directory also lists the French partners not yet translated)."""
    return Exists(
        Partner.fiches.through.objects.filter(partner_id=OuterRef("pk"), fichepage__translation_key=fiche_key)
    )


class DirectoryQuery:
    """The directory as the URL asks for it (``q``, ``kind``, ``offer``, ``departement``,
    ``fiche``), for one ``PartnerDirectoryPage``."""

    def __init__(self, page, params, request=None):
        """``request``: when given, the counts of a list without search words are kept
        once per content generation (``pagecache.memo``): the same for every visitor."""
        self.page = page
        self.request = request
        self.query = " ".join(search_words((params.get("q") or "")[:MAX_QUERY_LENGTH]))
        self.raw_query = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
        self.kind = params.get("kind") if params.get("kind") in PartnerKind.values else ""
        self.offer = params.get("offer") if params.get("offer") in Offer.values else ""
        departements = [*Departement.values, WHOLE_REGION]
        self.departement = params.get("departement") if params.get("departement") in departements else ""
        # The fiche is checked against the fiches that exist (see fiche_options).
        self._requested_fiche = (params.get("fiche") or "").strip()[:10]

    # --- Building the querysets -----------------------------------------------------

    @cached_property
    def base(self):
        """Live partners of the page's language that match the search words."""
        partners = self.page.partners()
        if self.query:
            partners = partners.filter(matching(Partner, self.query))
        return partners

    @cached_property
    def _facets(self):
        """The counts beside the options (three queries over the whole directory), kept
        per content generation for lists without search words, under the valid filters."""
        if self.query or self.request is None:
            return self._read_facets()
        fiche = self._requested_fiche if FICHE_NUMBER.fullmatch(self._requested_fiche) else ""
        name = f"directory-facets:{self.page.pk}:{self.kind}:{self.offer}:{self.departement}:{fiche}"
        return memo.per_generation(self.request, name, self._read_facets)

    def _read_facets(self):
        # The fiches first: the other counts filter by the fiche, checked against them.
        self._fiches_read = self._read_fiche_rows()
        return {
            "fiches": self._fiches_read,
            "kinds": self._read_kind_departement_rows(),
            "offers": self._read_offer_counts(),
        }

    @property
    def _fiche_rows(self):
        if "_fiches_read" in self.__dict__:
            return self._fiches_read
        return self._facets["fiches"]

    def _read_fiche_rows(self):
        """(translation key, number, title, count) of the language's live fiches: one
        query. A partner counts for a fiche when it cites the fiche in any language."""
        from fiches.models import FichePage

        citing = (
            Partner.fiches.through.objects.filter(
                fichepage__translation_key=OuterRef("translation_key"),
                partner_id__in=self.filtered(without="fiche").order_by().values("pk"),
            )
            .order_by()
            .values("fichepage__translation_key")
            .annotate(total=Count("partner_id", distinct=True))
            .values("total")
        )
        rows = (
            FichePage.objects.live()
            .filter(locale_id=self.page.locale_id)
            .order_by("path")
            .annotate(partner_count=Coalesce(Subquery(citing), 0))
            .values_list("translation_key", "number", "title", "partner_count")
        )
        return list(rows)

    @cached_property
    def fiche(self):
        """The selected fiche as (translation key, number, title), or None."""
        if not self._requested_fiche:
            return None
        for key, number, title, _count in self._fiche_rows:
            if number == self._requested_fiche:
                return key, number, title
        return None

    def conditions(self, without=()):
        """The SQL conditions of the active filters, except those named in ``without``."""
        without = {without} if isinstance(without, str) else set(without)
        conditions = []
        if self.kind and "kind" not in without:
            conditions.append(Q(kind=self.kind))
        if self.offer and "offer" not in without:
            conditions.append(offer_condition(self.offer))
        if self.departement and "departement" not in without:
            conditions.append(departement_condition(self.departement))
        if "fiche" not in without and self._requested_fiche and self.fiche:
            conditions.append(fiche_condition(self.fiche[0]))
        return conditions

    def filtered(self, without=()):
        """The partners matching every active filter except those named in ``without``."""
        return self.base.filter(*self.conditions(without=without))

    @cached_property
    def results(self):
        return self.filtered().order_by("sort_name", "pk")

    # --- Counts ---------------------------------------------------------------------

    @property
    def _kind_departement_rows(self):
        return self._facets["kinds"]

    def _read_kind_departement_rows(self):
        """One query for the type and département counts: the partners matching every
        filter but those two, grouped by type, with one conditional count per département
        (and one for the whole region)."""
        counts = {"total": Count("pk")}
        for code in [*Departement.values, WHOLE_REGION]:
            counts[f"d_{code}"] = Count("pk", filter=departement_condition(code))
        rows = self.base.filter(*self.conditions(without=("kind", "departement")))
        return {row.pop("kind"): row for row in rows.order_by().values("kind").annotate(**counts)}

    @cached_property
    def kind_counts(self):
        column = f"d_{self.departement}" if self.departement else "total"
        return {kind: row[column] for kind, row in self._kind_departement_rows.items()}

    @cached_property
    def departement_counts(self):
        """Partners per département, and under ``WHOLE_REGION`` those covering all four."""
        rows = self._kind_departement_rows
        if self.kind:
            rows = {self.kind: rows[self.kind]} if self.kind in rows else {}
        return {code: sum(row[f"d_{code}"] for row in rows.values()) for code in [*Departement.values, WHOLE_REGION]}

    @property
    def offer_counts(self):
        return self._facets["offers"]

    def _read_offer_counts(self):
        rows = (
            PartnerOffer.objects.filter(partner__in=self.filtered(without="offer"))
            .order_by()
            .values("offer")
            .annotate(total=Count("pk"))
        )
        return {row["offer"]: row["total"] for row in rows}

    @cached_property
    def total(self):
        """The number of results, read from the type counts (every partner has one type)."""
        if self.kind:
            return self.kind_counts.get(self.kind, 0)
        return sum(self.kind_counts.values())

    # --- What the template shows ----------------------------------------------------

    def kind_options(self):
        return [
            Option(kind.value, str(kind.label), self.kind_counts.get(kind.value, 0), kind.value == self.kind)
            for kind in PartnerKind
        ]

    def offer_options(self):
        return [
            Option(offer.value, str(offer.label), self.offer_counts.get(offer.value, 0), offer.value == self.offer)
            for offer in Offer
        ]

    def departement_options(self):
        counts = self.departement_counts
        options = [
            Option(
                WHOLE_REGION,
                str(_("Toute la région (les quatre départements)")),
                counts[WHOLE_REGION],
                self.departement == WHOLE_REGION,
            )
        ]
        options += [
            Option(d.value, f"{d.value} – {departement_name(d)}", counts[d.value], d.value == self.departement)
            for d in Departement
        ]
        return options

    def fiche_options(self):
        selected = self.fiche[1] if self.fiche else ""
        return [
            Option(
                number,
                str(_("Fiche %(number)s : %(title)s") % {"number": number, "title": title}),
                count,
                number == selected,
            )
            for _key, number, title, count in self._fiche_rows
        ]

    @property
    def fiche_value(self):
        return self.fiche[1] if self.fiche else ""

    def active_filters(self):
        """(parameter, label) of each filter in use, for the "remove this filter" links."""
        active = []
        if self.raw_query:
            active.append(("q", _("Mots : « %(q)s »") % {"q": self.raw_query}))
        if self.kind:
            active.append(("kind", PartnerKind(self.kind).label))
        if self.offer:
            active.append(("offer", Offer(self.offer).label))
        if self.departement:
            label = _("Toute la région") if self.departement == WHOLE_REGION else Departement(self.departement).label
            active.append(("departement", label))
        if self.fiche:
            active.append(("fiche", _("Fiche %(number)s") % {"number": self.fiche[1]}))
        return active

    def params(self):
        """The valid parameters of this view, to rebuild links (pagination, exports)."""
        values = {
            "q": self.raw_query,
            "kind": self.kind,
            "offer": self.offer,
            "departement": self.departement,
            "fiche": self.fiche_value,
        }
        return {key: value for key, value in values.items() if value}

    @property
    def is_filtered(self):
        return bool(self.params())
