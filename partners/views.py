"""The directory's views: list, partner page, exports and feed.

The list, the partner page and the feed are routes of ``PartnerDirectoryPage``
(``RoutablePageMixin``); the exports keep their file names (``export.csv``,
``export.json``) through a URL of the project that finds the directory page the same way
Wagtail serves pages (``directory_export``).
"""

import csv
import json
from collections import defaultdict
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from home.choices import Departement
from home.i18n import fallback_lang
from home.templatetags.predess_tags import home_children
from search.registry import codes_of

from .directory import DirectoryQuery, departement_name
from .models import Partner, PartnerDepartement, PartnerDirectoryPage, PartnerOffer, PartnerTag

EXPORT_FIELDS = [
    "identifiant",
    "nom",
    "sigle",
    "type",
    "type_libelle",
    "offres",
    "offres_libelles",
    "departements",
    "toute_la_region",
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "latitude",
    "longitude",
    "site_web",
    "courriel",
    "telephone",
    "presentation",
    "fiches",
    "mots_cles",
    "page",
    "mis_a_jour",
]


class KnownCountPaginator(Paginator):
    """A paginator told the number of results, so it does not count them again."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


def _page_number(request):
    """The requested page number, 1 when it is missing or not a number."""
    try:
        return int(request.GET.get("page", "1"))
    except (TypeError, ValueError):
        return 1


def directory_view(page, request):
    query = DirectoryQuery(page, request.GET, request)
    paginator = KnownCountPaginator(query.results, page.PARTNERS_PER_PAGE, count=query.total)
    try:
        page_obj = paginator.page(_page_number(request))
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(_("Cette page de résultats n’existe pas.")) from exc
    page_obj.object_list = Partner.attach_offers_and_departements(page_obj.object_list)
    directory_url = page.get_url(request)
    for partner in page_obj.object_list:
        partner.detail_url = directory_url + page.partner_path(partner.slug)
        partner.fallback_lang = fallback_lang(partner, page.locale_id)
    params = query.params()
    departement_counts = query.departement_counts
    return page.render(
        request,
        context_overrides={
            "directory": query,
            "partners": page_obj.object_list,
            "page_obj": page_obj,
            "filter_params": urlencode(params),
            "map_areas": map_areas(page, query, departement_counts),
            "remove_filter_urls": [
                (label, "?" + urlencode({k: v for k, v in params.items() if k != name}))
                for name, label in query.active_filters()
            ],
        },
    )


# Schematic outlines of the four départements (not to scale): Yonne north-west, Côte-d'Or
# north-east, Nièvre south-west, Saône-et-Loire south-east. Label positions beside them.
MAP_SHAPES = {
    "89": ("40,22 128,10 150,42 146,100 110,122 62,112 28,70", (90, 62)),
    "21": ("150,42 222,20 272,70 262,142 202,166 150,142 146,100", (208, 92)),
    "58": ("62,112 110,122 146,100 150,142 140,192 92,218 42,194 24,142", (88, 162)),
    "71": ("150,142 202,166 262,142 288,204 262,266 182,272 130,242 140,192", (208, 212)),
}


def map_areas(page, query, counts):
    """The four départements of the inline SVG map: shape, label, count, filter link."""
    params = {k: v for k, v in query.params().items() if k != "departement"}
    areas = []
    for departement in Departement:
        points, (x, y) = MAP_SHAPES[departement.value]
        name = departement_name(departement)
        areas.append(
            {
                "code": departement.value,
                "name": name,
                "label": departement.label,
                "points": points,
                "x": x,
                "y": y,
                "count": counts.get(departement.value, 0),
                "selected": query.departement == departement.value,
                "url": "?" + urlencode({**params, "departement": departement.value}),
            }
        )
    return areas


def partner_detail_view(page, request, slug):
    partner = (
        page.partners()
        .filter(slug=slug)
        .select_related("logo")
        .annotate(
            offer_codes=codes_of(PartnerOffer.objects.all(), "partner", "offer"),
            departement_codes=codes_of(PartnerDepartement.objects.all(), "partner", "departement"),
        )
        .first()
    )
    if partner is None:
        raise Http404(_("Ce partenaire n’existe pas ou n’est pas publié."))
    from fiches.models import FichePage

    # Its offers and départements, read with it (no query of their own).
    partner._offer_values = [code for code in (partner.offer_codes or "").split(",") if code]
    partner._departement_values = [code for code in (partner.departement_codes or "").split(",") if code]
    partner.fallback_lang = fallback_lang(partner, page.locale_id)
    # The fiches it cites, in the directory's language (a French partner not yet
    # translated cites the French fiches).
    fiches = list(
        FichePage.objects.live()
        .filter(locale_id=page.locale_id, translation_key__in=partner.fiches.values("translation_key"))
        .order_by("path")
    )
    page_url = page.partner_url(partner, request=request, full=True)
    from agenda.views import organised_by

    agenda, events = organised_by(partner, page, request)
    return page.render(
        request,
        template="partners/partner_detail.html",
        context_overrides={
            "partner": partner,
            "partner_url": page_url,
            "fiches": fiches,
            "dispositifs": partner_dispositifs(partner, page, request),
            "agenda": agenda,
            "upcoming_events": events,
            "json_ld": partner.json_ld(page_url),
        },
    )


def partner_dispositifs(partner, page, request):
    """The live aid schemes the partner runs, in the directory's language, in one query
    (``Dispositif.operators``), each with its address under the aid finder."""
    from fiches.models import AidFinderPage, Dispositif

    finder = next((p for p in home_children(request, page) if p.specific_class is AidFinderPage), None)
    if finder is None:
        return []
    finder_url = finder.get_url(request)
    dispositifs = list(Dispositif.objects.run_by(partner, page.locale_id))
    for dispositif in dispositifs:
        dispositif.url = f"{finder_url}{dispositif.slug}/"
    return dispositifs


# --- Exports ------------------------------------------------------------------------

EXPORT_FORMATS = {"csv", "json"}


def directory_export(request, page_path, file_format):
    """``<directory>/export.csv`` and ``export.json``: the current filtered list as open data."""
    if file_format not in EXPORT_FORMATS:
        raise Http404
    route = Page.route_for_request(request, page_path)
    if route is None:
        raise Http404
    page = route[0]
    # Another page may have its own data file here (the aid finder's /aides/export.json).
    serve_data_file = getattr(page, "serve_data_file", None)
    if not isinstance(page, PartnerDirectoryPage) and serve_data_file is None:
        raise Http404
    # Same checks as Wagtail's page serving (privacy of the page tree…).
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, [], {})
        if isinstance(result, HttpResponse):
            return result
    if not isinstance(page, PartnerDirectoryPage):
        return serve_data_file(request, f"export.{file_format}")
    query = DirectoryQuery(page, request.GET, request)
    records = export_records(page, request, query)
    if file_format == "csv":
        return csv_response(records)
    return json_response(page, request, query, records)


def export_records(page, request, query):
    """The filtered partners as open-data records, in four queries whatever their number:
    the partners, their offers and départements, their fiches, their tags."""
    ids = query.results.order_by().values("pk")
    partners = Partner.attach_offers_and_departements(query.results, ids=ids)
    fiches, tags = defaultdict(list), defaultdict(list)
    links = Partner.fiches.through.objects.filter(partner_id__in=ids, fichepage__live=True)
    for partner_id, number in links.values_list("partner_id", "fichepage__number"):
        fiches[partner_id].append(number)
    for partner_id, name in PartnerTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[partner_id].append(name)
    base_url = page.get_full_url(request)
    return [
        partner.export_record(
            base_url + page.partner_path(partner.slug), fiche_numbers=fiches[partner.pk], tag_names=tags[partner.pk]
        )
        for partner in partners
    ]


def csv_response(records):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partenaires.csv"'
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = dict(record)
        for key in ("offres", "offres_libelles", "departements", "fiches", "mots_cles"):
            row[key] = " ; ".join(row[key])
        row["toute_la_region"] = "oui" if row["toute_la_region"] else "non"
        writer.writerow(row)
    return response


def json_response(page, request, query, records):
    payload = {
        "titre": str(page.title),
        "source": page.get_full_url(request),
        "filtres": query.params(),
        "genere_le": timezone.now().isoformat(),
        "nombre": len(records),
        "partenaires": records,
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="partenaires.json"'
    return response


# --- Feed -----------------------------------------------------------------------------


def feed_view(page, request):
    """Atom feed of the partners most recently added to the directory."""
    directory_url = page.get_full_url(request)
    feed = Atom1Feed(
        title=_("%(site)s – nouveaux partenaires") % {"site": page.title},
        link=directory_url,
        description=page.summary or "",
        language=page.locale.language_code,
        feed_url=directory_url + page.reverse_subpage("feed"),
    )
    partners = page.partners().order_by("-first_published_at", "-pk")[: page.FEED_LENGTH]
    for partner in partners:
        url = directory_url + page.partner_path(partner.slug)
        feed.add_item(
            title=partner.display_name,
            link=url,
            description=partner.description_text,
            unique_id=url,
            pubdate=partner.first_published_at,
            updateddate=partner.last_published_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
