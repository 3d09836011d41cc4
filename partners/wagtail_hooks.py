"""The partner directory in the Wagtail admin, for communications staff."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.choices import Departement

from .choices import WHOLE_REGION, Offer, PartnerKind
from .directory import departement_condition, offer_condition
from .forms import PartnerForm
from .models import Partner


class PartnerFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type de structure"), choices=PartnerKind.choices)
    offer = django_filters.ChoiceFilter(label=_("Offre"), choices=Offer.choices, method="filter_offer")
    departement = django_filters.ChoiceFilter(
        label=_("Département"),
        choices=[(WHOLE_REGION, _("Toute la région")), *Departement.choices],
        method="filter_departement",
    )
    live = django_filters.ChoiceFilter(
        label=_("État"),
        choices=[("true", _("Publié")), ("false", _("Brouillon"))],
        method="filter_live",
        empty_label=_("Tous"),
    )

    class Meta:
        model = Partner
        fields = ["kind", "offer", "departement", "live"]

    def filter_offer(self, queryset, name, value):
        return queryset.filter(offer_condition(value)) if value else queryset

    def filter_departement(self, queryset, name, value):
        return queryset.filter(departement_condition(value)) if value else queryset

    def filter_live(self, queryset, name, value):
        if value in ("true", "false"):
            return queryset.filter(live=value == "true")
        return queryset


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partenaires")
    menu_name = "partenaires"
    menu_order = 210
    add_to_admin_menu = True
    ordering = ["sort_name"]
    list_per_page = 50
    list_display = [
        "name",
        "acronym",
        Column("kind_label", label=_("Type"), sort_key="kind"),
        Column("territory_label", label=_("Territoire")),
        Column("commune", label=_("Commune"), sort_key="commune"),
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    filterset_class = PartnerFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "acronym",
        "slug",
        "kind_label",
        "offers_label",
        "territory_label",
        "street_address",
        "address_complement",
        "postcode",
        "commune",
        "latitude",
        "longitude",
        "website",
        "email",
        "phone",
        "description",
        "logo",
        "logo_alt",
        "fiches_label",
        "tags",
    ]
    list_export = [
        "name",
        "acronym",
        "slug",
        "kind_label",
        "offers_label",
        "territory_label",
        "street_address",
        "postcode",
        "commune",
        "website",
        "email",
        "phone",
        "fiches_label",
        "live",
        "last_published_at",
    ]
    export_headings = {
        "name": _("Nom"),
        "acronym": _("Sigle"),
        "slug": _("Identifiant"),
        "kind_label": _("Type"),
        "offers_label": _("Offres"),
        "territory_label": _("Territoire"),
        "street_address": _("Adresse"),
        "postcode": _("Code postal"),
        "commune": _("Commune"),
        "website": _("Site web"),
        "email": _("Courriel"),
        "phone": _("Téléphone"),
        "fiches_label": _("Fiches"),
        "live": _("Publié"),
        "last_published_at": _("Dernière publication"),
    }
    export_filename = "partenaires"

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
                    FieldPanel("kind"),
                    FieldPanel("offers"),
                    FieldPanel("description"),
                    FieldPanel("fiches"),
                    FieldPanel("tags"),
                ],
                heading=_("Présentation"),
            ),
            ObjectList(
                [
                    FieldPanel("departements"),
                    MultiFieldPanel(
                        [
                            FieldPanel("street_address"),
                            FieldPanel("address_complement"),
                            FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                        ],
                        heading=_("Adresse"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
                        heading=_("Contact"),
                    ),
                ],
                heading=_("Territoire et contact"),
            ),
            ObjectList(
                [FieldPanel("logo"), FieldPanel("logo_alt"), FieldPanel("slug")],
                heading=_("Logo et adresse de la page"),
            ),
        ],
        base_form_class=PartnerForm,
    )

    def get_queryset(self, request):
        return Partner.objects.prefetch_related("offer_links", "departement_links", "fiches")


register_snippet(PartnerViewSet)
