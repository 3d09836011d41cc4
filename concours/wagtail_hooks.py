"""The applications in the Wagtail admin: a list with filters and CSV export, a detail view
with the documents, and a form that changes only the status and the internal note.

Applications arrive only through the public form: nobody can add one in the admin (the
permission policy refuses "add" to everyone, superusers included). Communication staff
view and change them (``home.roles``); only superusers may delete one.
"""

import django_filters
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.messages import error as error_message
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .documents import format_size
from .models import Candidature, ConcoursEditionPage


class CandidaturePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody may add an application here."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "add"]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


register_permission_policy(Candidature, CandidaturePermissionPolicy(Candidature))


# Spreadsheet programs run cells that start with these characters as formulas; the
# applicants typed this text, so it is defused in the CSV export.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def default_language_editions(request=None):
    """Applications belong to the editions in the default language (never to a translation)."""
    return ConcoursEditionPage.objects.filter(locale=Locale.get_default()).order_by("-year")


class CandidatureFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(queryset=default_language_editions, label=_("Édition"))

    class Meta:
        model = Candidature
        fields = ["edition", "category", "departement", "status", "email_sent"]


class CandidatureIndexView(IndexView):
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        str: {IndexView.FORMAT_CSV: defuse_formula, IndexView.FORMAT_XLSX: defuse_formula},
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("edition").prefetch_related("documents")


def documents_html(candidature):
    documents = list(candidature.documents.all())
    if not documents:
        return "—"
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            '<li><a href="{}">{}</a> : {} ({})</li>',
            (
                (document.get_download_url(), document.get_kind_display(), document.original_name, _size(document))
                for document in documents
            ),
        ),
    )


def _size(document):
    return format_size(document.size)


class CandidatureInspectView(InspectView):
    def get_created_at_display_value(self):
        return date_format(localtime(self.object.created_at), "DATETIME_FORMAT")

    def get_documents_display_value(self):
        return documents_html(self.object)

    def get_email_sent_display_value(self):
        if self.object.email_sent:
            return _("Oui")
        return format_html("{} — {}", _("Non"), self.object.email_error or _("pas encore envoyés"))


class ApplicationPanel(Panel):
    """The application as filed, read-only, with its documents (in the edit view)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "concours/admin/application_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            candidature = self.instance
            context["candidature"] = candidature
            context["documents"] = documents_html(candidature) if candidature.pk else "—"
            return context


EXPORT_FIELDS = [
    "reference",
    "edition.year",
    "created_at",
    "get_status_display",
    "get_category_display",
    "structure_name",
    "get_legal_form_display",
    "siret",
    "address",
    "postcode",
    "commune",
    "get_departement_display",
    "contact_first_name",
    "contact_last_name",
    "email",
    "phone",
    "project_title",
    "summary",
    "objective",
    "total_budget",
    "amount_requested",
    "own_funds",
    "document_count",
    "email_sent",
    "email_error",
    "staff_note",
]


class CandidatureViewSet(ModelViewSet):
    model = Candidature
    name = "candidatures"
    icon = "form"
    menu_label = _("Candidatures au concours")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CandidatureIndexView
    inspect_view_class = CandidatureInspectView
    add_to_reference_index = False
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        "reference",
        "structure_name",
        "project_title",
        Column("category", label=_("Catégorie"), accessor="get_category_display", sort_key="category"),
        Column("departement", label=_("Département"), accessor="get_departement_display", sort_key="departement"),
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
        BooleanColumn("email_sent", label=_("Courriels envoyés"), sort_key="email_sent"),
        DateColumn("created_at", label=_("Déposé le"), sort_key="created_at"),
    ]
    filterset_class = CandidatureFilterSet
    search_fields = ["reference", "structure_name", "project_title", "siret", "commune", "contact_last_name", "email"]
    list_export = EXPORT_FIELDS
    export_headings = {
        "edition.year": _("Édition"),
        "created_at": _("Déposé le"),
        "get_status_display": _("Statut"),
        "get_category_display": _("Catégorie"),
        "get_legal_form_display": _("Forme juridique"),
        "get_departement_display": _("Département"),
        "document_count": _("Nombre de documents"),
        "email_sent": _("Courriels envoyés"),
    }
    export_filename = "candidatures-concours-ess"
    inspect_view_fields = [
        "reference",
        "edition",
        "created_at",
        "status",
        "staff_note",
        "email_sent",
        "category",
        "structure_name",
        "legal_form",
        "siret",
        "address",
        "postcode",
        "commune",
        "departement",
        "contact_first_name",
        "contact_last_name",
        "email",
        "phone",
        "project_title",
        "summary",
        "objective",
        "total_budget",
        "amount_requested",
        "own_funds",
        "documents",
    ]
    panels = [
        MultiFieldPanel([FieldPanel("status"), FieldPanel("staff_note")], heading=_("Suivi du dossier")),
        ApplicationPanel(heading=_("Le dossier déposé")),
    ]

    def get_permissions_to_register(self):
        add = get_permission_codename("add", self.model_opts)
        return super().get_permissions_to_register().exclude(codename=add)


candidature_viewset = CandidatureViewSet()


@hooks.register("register_admin_viewset")
def register_candidature_viewset():
    return candidature_viewset


@hooks.register("before_delete_page")
def keep_editions_with_applications(request, page):
    """An edition holding applications cannot be deleted (nor the index above it)."""
    count = Candidature.objects.filter(edition__path__startswith=page.path).count()
    if count:
        error_message(
            request,
            ngettext(
                "Cette page ne peut pas être supprimée : %(count)d candidature au concours y est rattachée.",
                "Cette page ne peut pas être supprimée : %(count)d candidatures au concours y sont rattachées.",
                count,
            )
            % {"count": count},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
