"""Admin set-up of the agenda: event categories as snippets, and event partners who see
only the events that concern them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.roles import EVENT_PARTNERS

from .models import EventCategory, EventPage


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "date"
    menu_label = _("Catégories d’événements")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


register_snippet(EventCategoryViewSet)


def is_event_partner_only(user):
    """A member of "Partenaires agenda" with no wider editing rights."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return EVENT_PARTNERS in names and len(names) == 1


@hooks.register("construct_explorer_page_queryset")
def hide_other_partners_drafts(parent_page, pages, request):
    """In the page explorer, an event partner sees the live events and their own, not the
    drafts of other partners."""
    if not is_event_partner_only(request.user):
        return pages
    others_drafts = EventPage.objects.filter(live=False).exclude(owner=request.user).values("pk")
    return pages.exclude(pk__in=others_drafts)
