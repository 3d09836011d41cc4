"""The routes of ``AidFinderPage``: the finder, a scheme's page, the comparison and the
open-data export. Each view reads what it shows in a fixed number of queries."""

import json
from decimal import Decimal
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.choices import Departement
from home.i18n import language_code_of
from home.templatetags.predess_tags import home_children
from partners.models import PartnerDirectoryPage

from .finder import AidFinderForm, Relations, find_schemes, for_display, operator_links, relation_rows
from .models import Dispositif

MAX_COMPARED = 3
REGION_NAME = "Bourgogne"


def finder_view(page, request):
    in_finder = Dispositif.objects.in_finder().filter(locale_id=page.locale_id)
    relations = Relations(relation_rows(in_finder, vocabulary_locale_id=page.locale_id))
    form = AidFinderForm(request.GET or None, audiences=relations.audiences, needs=relations.needs)
    finder_url = page.get_url(request)
    schemes = relations.attach(find_schemes(in_finder, form), request, finder_url, page)
    return page.render(
        request,
        context_overrides={
            "form": form,
            "criteria": form.criteria() if form.is_bound else [],
            "schemes": schemes,
            "finder_url": finder_url,
            "compare_url": finder_url + page.reverse_subpage("comparer"),
            "export_url": page.export_url(request),
            "max_compared": MAX_COMPARED,
        },
    )


def scheme_view(page, request, slug):
    # The scheme and its live translations in one query (for the language switcher).
    wanted = page.schemes().filter(slug=slug).values("translation_key")
    versions = list(Dispositif.objects.live().filter(translation_key__in=wanted).select_related("kind"))
    scheme = next((version for version in versions if version.locale_id == page.locale_id), None)
    if scheme is None:
        raise Http404(_("Ce dispositif n’existe pas ou n’est pas publié."))
    context = scheme_context(scheme, page, request)
    context["route_paths"] = {language_code_of(v.locale_id): f"{v.slug}/" for v in versions}
    return page.render(request, template="fiches/dispositif_page.html", context_overrides=context)


def scheme_context(scheme, page, request, preview=False):
    """What the scheme's page shows; also used by the admin's preview of a draft."""
    finder_url = page.get_url(request) if page else ""
    if preview:
        # A draft's profiles, needs and fiches are those of its revision, not the database's.
        scheme.url = f"{finder_url}{scheme.slug}/" if finder_url else None
        scheme.profiles = list(scheme.audiences.all())
        scheme.need_list = list(scheme.needs.all())
        scheme.fiche_list = list(scheme.fiches.all())
        scheme.operators_list = list(scheme.operators.all())
        directory = PartnerDirectoryPage.among(home_children(request, page))
        scheme.operator_links = operator_links(scheme.operators_list, directory, request)
    else:
        (scheme,) = for_display([scheme], request, finder_url, page)
    full_url = request.build_absolute_uri(scheme.url) if scheme.url else ""
    providers = [(name, request.build_absolute_uri(link) if link else None) for name, link in scheme.operator_links]
    return {
        "dispositif": scheme,
        "finder_url": finder_url,
        "canonical_url": "" if preview else full_url,
        "json_ld": scheme_json_ld(scheme, full_url, providers),
        "is_preview": preview,
    }


def scheme_json_ld(scheme, url, providers=()):
    """schema.org ``GovernmentService`` of a scheme; ``providers``: (name, absolute URL of
    the partner's page in the directory) of the organisations that run it."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": scheme.name,
        "description": scheme.summary,
        "serviceType": scheme.kind.label,
        "areaServed": [{"@type": "AdministrativeArea", "name": label} for label in scheme.departement_labels]
        or {"@type": "AdministrativeArea", "name": REGION_NAME},
        "audience": [{"@type": "Audience", "audienceType": profile.label} for profile in scheme.profiles],
    }
    if scheme.acronym:
        data["alternateName"] = scheme.acronym
    if url:
        data["url"] = url
    organisations = [
        {"@type": "Organization", "name": name, **({"url": link} if link else {})} for name, link in providers
    ]
    if organisations:
        data["provider"] = organisations if len(organisations) > 1 else organisations[0]
    if scheme.external_url:
        data["sameAs"] = scheme.external_url
    return data


def compare_view(page, request):
    wanted = list(dict.fromkeys(slug for slug in request.GET.getlist("d") if slug))  # in order, once each
    finder_url = page.get_url(request)
    compare_url = finder_url + page.reverse_subpage("comparer")
    too_many = len(wanted) > MAX_COMPARED
    schemes = []
    if wanted and not too_many:
        found = {scheme.slug: scheme for scheme in page.schemes().filter(slug__in=wanted).select_related("kind")}
        schemes = for_display([found[slug] for slug in wanted if slug in found], request, finder_url, page)
    return page.render(
        request,
        template="fiches/dispositif_compare.html",
        context_overrides={
            "schemes": schemes,
            "too_many": too_many,
            "requested": len(wanted),
            "first_three_url": compare_url + "?" + urlencode([("d", slug) for slug in wanted[:MAX_COMPARED]]),
            "unknown_count": 0 if too_many else len(wanted) - len(schemes),
            "finder_url": finder_url,
            "compare_url": compare_url,
            "max_compared": MAX_COMPARED,
            "route_paths": {},
        },
    )


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def export_record(scheme, base_url):
    return {
        "identifiant": scheme.slug,
        "nom": scheme.name,
        "sigle": scheme.acronym,
        "type": scheme.kind.slug,
        "type_libelle": scheme.kind.label,
        "statut": scheme.status,
        "montant_min": scheme.amount_min,
        "montant_max": scheme.amount_max,
        "pourcentage": _number(scheme.percentage),
        "montant_base_pourcentage": scheme.percentage_base,
        "montant": scheme.amount_label,
        "montant_selon_le_plan": scheme.amount_text,
        "publics": [profile.slug for profile in scheme.profiles],
        "besoins": [need.slug for need in scheme.need_list],
        "departements": scheme.departement_codes,
        "toute_la_region": not scheme.departement_codes,
        "porteurs": [{"nom": name, "url": base_url + link if link else None} for name, link in scheme.operator_links],
        "fiches": [{"numero": f.number, "titre": f.title, "url": base_url + f.url} for f in scheme.fiche_list],
        "resume": scheme.summary,
        "lien_externe": scheme.external_url,
        "page": base_url + scheme.url,
        "mis_a_jour": scheme.last_published_at,
    }


def export_view(page, request):
    """``/aides/export.json``: every live scheme of the page's language, as open data."""
    finder_url = page.get_url(request)
    schemes = for_display(page.schemes().select_related("kind").order_by("name", "pk"), request, finder_url, page)
    base_url = request.build_absolute_uri("/").rstrip("/")
    payload = {
        "titre": str(page.title),
        "source": request.build_absolute_uri(finder_url),
        "langue": language_code_of(page.locale_id),
        "genere_le": timezone.now().isoformat(),
        "departements": {d.value: str(d.label) for d in Departement},
        "nombre": len(schemes),
        "dispositifs": [export_record(scheme, base_url) for scheme in schemes],
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="dispositifs.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
