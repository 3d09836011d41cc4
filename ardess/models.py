"""The ARDESS (fiche 2.1): a public page about the workshops, and the participants' space.

    HomePage
    └── ArdessIndexPage "Les ARDESS"                  public: what they are, the themes
        └── ArdessSpacePage "Espace participants"     private: group restriction
            └── ArdessWorkshopPage (one per theme)    schedule, minutes, documents

The privacy itself is Wagtail's (a PageViewRestriction on the space page, set by
``ardess.loaders``); ``ardess.wagtail_hooks`` turns a refusal into a 403 for logged-in
visitors, and the documents live in the private collection "ARDESS".
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group, User, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.models import BasePage
from home.roles import ARDESS_PARTICIPANTS

from .blocks import MinutesBlock, SessionBlock, ThemeBlock, WorkingDocumentBlock


class PrivateSectionMixin:
    """Pages meant to be private: never in the sitemap, even if privacy is switched off
    by mistake on an ancestor (Wagtail's sitemap already skips private pages)."""

    def get_sitemap_urls(self, request=None):
        return []


class ArdessIndexPage(BasePage):
    """The public page about the ARDESS, with the way into the participants' space."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES)
    themes = StreamField([("theme", ThemeBlock())], verbose_name=_("thèmes des ateliers"), blank=True)
    how = RichTextField(_("fonctionnement"), features=RICH_TEXT_FEATURES, blank=True)
    fiche = models.ForeignKey(
        "fiches.FichePage",
        verbose_name=_("fiche du plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La fiche du plan qui décrit les ARDESS (2.1)."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["ardess.ArdessSpacePage"]
    max_count_per_parent = 1
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("themes"),
        index.SearchField("how"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("themes"),
        FieldPanel("how"),
        FieldPanel("fiche"),
    ]

    class Meta:
        verbose_name = _("page des ARDESS")
        verbose_name_plural = _("pages des ARDESS")

    def upcoming_public_sessions(self, request=None):
        """The next public sessions of the workshops, from the agenda of this page's
        language: live, public events of the "ARDESS" category (French ones not yet
        translated included), soonest first, at most five (``AgendaQuery.soonest``)."""
        from agenda.filters import AgendaQuery
        from agenda.models import EventIndexPage, agenda_events
        from agenda.views import attach_urls, today
        from home.templatetags.predess_tags import home_children

        agenda = EventIndexPage.among(home_children(request, self))
        if agenda is None:
            return []
        events = agenda_events(agenda).filter(categories__slug="ardess")
        occurrences, _events = AgendaQuery(agenda, request, events=events, params={}).soonest(
            today(), 5, with_categories=False
        )
        sessions = list({occurrence.event.pk: occurrence.event for occurrence in occurrences}.values())
        attach_urls(agenda, request, sessions, None)
        return sessions

    def participants_space(self):
        """The space below this page, or below the French page: the space is not translated."""
        space = ArdessSpacePage.objects.child_of(self).live().first()
        if space is None:
            source = self.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first()
            if source is not None:
                space = ArdessSpacePage.objects.child_of(source).live().first()
        return space

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["space"] = self.participants_space()
        # The fiche in the visitor's language (the link is copied as is into translations).
        context["fiche"] = self.fiche.localized if self.fiche and self.fiche.live else None
        context["public_sessions"] = self.upcoming_public_sessions(request)
        return context


class ArdessSpacePage(PrivateSectionMixin, BasePage):
    """ "Espace participants": the workshops by theme (private to Participants ARDESS)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["ardess.ArdessIndexPage"]
    subpage_types = ["ardess.ArdessWorkshopPage"]
    max_count_per_parent = 1
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("espace participants des ARDESS")
        verbose_name_plural = _("espaces participants des ARDESS")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["workshops"] = ArdessWorkshopPage.objects.child_of(self).live().order_by("path")
        return context


class ArdessWorkshopPage(PrivateSectionMixin, BasePage):
    """One workshop theme: its schedule, its minutes and its working documents."""

    intro = RichTextField(_("présentation"), features=RICH_TEXT_FEATURES, blank=True)
    schedule = StreamField(
        [("session", SessionBlock())],
        verbose_name=_("planning des séances"),
        blank=True,
        help_text=_("Les séances passées et à venir ; le site les range par date."),
    )
    minutes = StreamField(
        [("minutes", MinutesBlock())],
        verbose_name=_("comptes rendus"),
        blank=True,
        help_text=_("Le plus récent est affiché en premier."),
    )
    documents = StreamField(
        [("document", WorkingDocumentBlock())],
        verbose_name=_("documents de travail"),
        blank=True,
    )

    parent_page_types = ["ardess.ArdessSpacePage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("minutes"),
        index.SearchField("documents"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("schedule"),
        FieldPanel("minutes"),
        FieldPanel("documents"),
    ]

    class Meta:
        verbose_name = _("atelier des ARDESS")
        verbose_name_plural = _("ateliers des ARDESS")

    def _sessions(self):
        return sorted(self.schedule, key=lambda block: (block.value["date"], block.value["start"] or datetime.time.min))

    def upcoming_sessions(self):
        today = timezone.localdate()
        return [block for block in self._sessions() if block.value["date"] >= today]

    def past_sessions(self):
        today = timezone.localdate()
        return [block for block in reversed(self._sessions()) if block.value["date"] < today]

    def next_session(self):
        upcoming = self.upcoming_sessions()
        return upcoming[0] if upcoming else None

    def minutes_newest_first(self):
        return sorted(self.minutes, key=lambda block: block.value["date"], reverse=True)


class ParticipantManager(UserManager):
    """Only plain participant accounts: in the group, in no other, not staff, not admin.

    Communication staff manage these accounts without being able to touch any other
    (Wagtail's own user editor would let them make anyone an administrator).
    """

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(groups__name=ARDESS_PARTICIPANTS, is_superuser=False, is_staff=False)
            .exclude(groups__in=Group.objects.exclude(name=ARDESS_PARTICIPANTS))
        )


class Participant(User):
    """A participant's account, as Communication staff see it in the admin."""

    objects = ParticipantManager()

    class Meta:
        proxy = True
        verbose_name = _("participant des ARDESS")
        verbose_name_plural = _("participants des ARDESS")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.get_username()
