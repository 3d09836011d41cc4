"""Partners in the site search: live partners of the current language, linked to their
page in the directory (``/partenaires/<slug>/``), with their départements and the axes
of the fiches that cite them as facets."""

from django.db.models import Case, F, Value, When
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from search.registry import SearchKind, codes_of, page_url_path, register

from .models import Partner, PartnerDepartement, PartnerDirectoryPage


class PartnerKind(SearchKind):
    def get_queryset(self, request, locale, *, shared=False):
        return Partner.objects.live().filter(locale=locale)

    def display_columns(self):
        return {
            "title": Case(
                When(acronym="", then=F("name")),
                default=Concat(F("name"), Value(" ("), F("acronym"), Value(")")),
            ),
            "url_path": page_url_path(PartnerDirectoryPage),
            "url_tail": F("slug"),
            "summary": F("description"),
        }

    def url_tail(self, tail):
        return PartnerDirectoryPage.partner_path(tail) if tail else ""


register(
    PartnerKind(
        "partenaire",
        _("Partenaires"),
        _("Partenaire"),
        models=[Partner],
        order=30,
        departements=codes_of(PartnerDepartement.objects.all(), "partner", "departement"),
        axes=codes_of(Partner.fiches.through.objects.all(), "partner", Substr("fichepage__number", 1, 1)),
        index_page="partners.PartnerDirectoryPage",
    )
)
