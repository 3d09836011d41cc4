from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Need


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


class VocabularyViewSetGroup(SnippetViewSetGroup):
    items = (AudienceViewSet, NeedViewSet)
    menu_icon = "list-ul"
    menu_label = _("Vocabulaires")
    menu_name = "vocabulaires"


register_snippet(VocabularyViewSetGroup)
