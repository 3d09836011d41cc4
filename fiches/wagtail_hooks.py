from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Dispositif, Need


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Publics « Pour qui ? »")
    list_display = ["label", "slug", "sort_order"]
    search_fields = ["label", "slug"]
    ordering = ["sort_order", "label"]


class NeedViewSet(SnippetViewSet):
    model = Need
    icon = "help"
    menu_label = _("Besoins « Vous cherchez… »")
    list_display = ["label", "slug", "sort_order"]
    search_fields = ["label", "slug"]
    ordering = ["sort_order", "label"]


class DispositifFilterSet(WagtailFilterSet):
    class Meta:
        model = Dispositif
        fields = ["status", "kind", "audiences", "needs", "live"]


class DispositifViewSet(SnippetViewSet):
    """Aid schemes: listed with their amount and status, filtered, inspected, with revisions
    and draft / live states (DraftStateMixin, RevisionMixin)."""

    model = Dispositif
    icon = "tag"
    menu_label = _("Dispositifs d’aide")
    list_display = ["display_name", "kind", "amount_label", "status", "territory_label"]
    filterset_class = DispositifFilterSet
    list_export = [
        "slug",
        "name",
        "acronym",
        "kind",
        "status",
        "amount_min",
        "amount_max",
        "percentage",
        "percentage_base",
        "amount_text",
        "departements",
    ]
    export_filename = "dispositifs"
    search_fields = ["name", "acronym", "summary"]
    ordering = ["name"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "acronym",
        "slug",
        "kind",
        "status",
        "amount_label",
        "amount_text",
        "territory_label",
        "audiences",
        "needs",
        "fiches",
        "summary",
        "source_text",
        "external_url",
    ]
    copy_view_enabled = False


class VocabularyViewSetGroup(SnippetViewSetGroup):
    items = (AudienceViewSet, NeedViewSet, DispositifViewSet)
    menu_icon = "list-ul"
    menu_label = _("Vocabulaires et aides")
    menu_name = "vocabulaires"


register_snippet(VocabularyViewSetGroup)
