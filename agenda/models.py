"""The agenda: ``EventIndexPage`` (``/agenda/``: list, month grid, archive, feeds),
``EventPage`` (one activity, possibly recurring), ``EventSeriesPage`` (a highlight period
such as the Semaine de l'ESS), ``EventCategory`` (a translatable snippet) and
``EventOccurrence`` (every date of every event, kept for the lists).

Dates, occurrences, iCalendar and JSON-LD are computed by ``agenda.calendar`` (one helper
used by the index, the series, the event and the feeds).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.choices import Departement
from home.i18n import default_locale_id, with_french_fallback
from home.models import BasePage
from partners.models import WebsiteField

from .choices import AttendanceMode, EventStatus, Recurrence

ORDINALS = {1: _("1er"), 2: _("2e"), 3: _("3e"), 4: _("4e")}


class EventCategory(TranslatableMixin, models.Model):
    """A kind of event (Semaine de l'ESS, Concours, ARDESS, formation…), kept by staff.

    The ``slug`` is the same in every language: it is the value of ``?category=``."""

    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant dans l’adresse"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=100)

    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("catégorie d’événement")
        verbose_name_plural = _("catégories d’événements")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_event_category_slug_locale"),
        ]

    def __str__(self):
        return self.name


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("agenda.EventPage", related_name="tagged_items", on_delete=models.CASCADE)


class EventIndexPage(RoutablePageMixin, BasePage):
    """``/agenda/``: upcoming occurrences by day; ``mois/<année>/<mois>/`` the month grid;
    ``archives/`` past events; ``ical/`` and ``rss/`` the feeds (``ical/`` keeps the
    filters of the query string, so each list view has its own feed)."""

    OCCURRENCES_PER_PAGE = 20
    FEED_LENGTH = 50

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["agenda.EventPage", "agenda.EventSeriesPage"]
    max_count_per_parent = 1
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    @path("")
    def list_view(self, request):
        from .views import list_view

        return list_view(self, request)

    @re_path(r"^mois/(?P<year>\d{4})/(?P<month>\d{1,2})/$", name="month")
    def month_view(self, request, year, month):
        from .views import month_view

        return month_view(self, request, int(year), int(month))

    @path("mois/", name="this_month")
    def this_month_view(self, request):
        from .views import this_month_view

        return this_month_view(self, request)

    @path("archives/", name="archive")
    def archive_view(self, request):
        from .views import archive_view

        return archive_view(self, request)

    @path("ical/", name="ical")
    def ical_view(self, request):
        from .views import index_ical_view

        return index_ical_view(self, request)

    @path("rss/", name="rss")
    def rss_view(self, request):
        from .views import rss_view

        return rss_view(self, request)

    @path("json/", name="export_json")
    def json_export_view(self, request):
        from .views import json_export_view

        return json_export_view(self, request)

    @classmethod
    def among(cls, pages):
        """The agenda among ``pages`` (e.g. the home page's children), or None."""
        return next((page for page in pages if page.specific_class is cls), None)

    def events(self):
        return agenda_events(self)


def agenda_events(agenda):
    """Live events of ``agenda`` (its children, any depth; a plain ``Page`` will do) and,
    in a translation of the agenda, the live French events not yet translated into its
    language: they are shown in French (``lang="fr"`` on their titles) rather than
    missing. The French agenda is found by a subquery."""
    french_id = default_locale_id()
    own = EventPage.objects.live().descendant_of(agenda)
    if agenda.locale_id == french_id:
        return own  # the French agenda: nothing to fall back on
    french_agenda = Page.objects.filter(translation_key=agenda.translation_key, locale_id=french_id)
    french = EventPage.objects.live().filter(
        locale_id=french_id,
        path__startswith=Subquery(french_agenda.values("path")[:1]),
        depth__gt=agenda.depth,
    )
    return with_french_fallback(own, french, agenda.locale_id)


class EventSeriesPage(RoutablePageMixin, BasePage):
    """A highlight period (the Semaine de l'ESS): its dates, an introduction, its events by
    day (events whose ``series`` is this page or one of its translations)."""

    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("temps fort de l’agenda")
        verbose_name_plural = _("temps forts de l’agenda")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Le dernier jour doit être le premier jour ou après.")})

    @path("")
    def series_view(self, request):
        from .views import series_view

        return series_view(self, request)

    @path("ical/", name="ical")
    def ical_view(self, request):
        from .views import series_ical_view

        return series_ical_view(self, request)

    def events(self):
        """Live events of this series (or of one of its translations) in its language,
        and the French ones not yet translated into it."""
        events = EventPage.objects.live().filter(series__translation_key=self.translation_key)
        own = events.filter(locale_id=self.locale_id)
        return with_french_fallback(own, events.filter(locale_id=default_locale_id()), self.locale_id)


class EventPage(RoutablePageMixin, BasePage):
    """One activity: when, where, who organises it, for how much, how to register."""

    route_kept = False  # thousands of them: routed with two queries, not kept

    # When
    start = models.DateTimeField(_("début"), help_text=_("Date et heure de Paris."))
    end = models.DateTimeField(
        _("fin"), null=True, blank=True, help_text=_("Facultatif. Pour un événement sur plusieurs jours : le dernier.")
    )
    all_day = models.BooleanField(_("toute la journée"), default=False, help_text=_("Les heures sont alors ignorées."))
    status = models.CharField(
        _("état"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED, db_index=True
    )
    # Repetition
    recurrence = models.CharField(
        _("répétition"), max_length=20, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        _("intervalle"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 : chaque semaine (ou mois) ; 2 : une semaine (ou un mois) sur deux…"),
    )
    recurrence_until = models.DateField(_("jusqu’au"), null=True, blank=True)
    recurrence_count = models.PositiveSmallIntegerField(
        _("nombre de séances"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    # Where
    attendance_mode = models.CharField(
        _("participation"), max_length=20, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue = models.CharField(_("lieu"), max_length=200, blank=True, help_text=_("Nom de la salle, du bâtiment…"))
    street_address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.CharField(_("commune"), max_length=120, blank=True, db_index=True)
    departement = models.CharField(
        _("département"), max_length=3, choices=Departement.choices, blank=True, db_index=True
    )
    online_url = WebsiteField(_("lien pour participer en ligne"), max_length=300, blank=True)
    # Who, how much
    organiser = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("organisateur (annuaire)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_name = models.CharField(
        _("autre organisateur"), max_length=200, blank=True, help_text=_("Si l’organisateur n’est pas dans l’annuaire.")
    )
    is_free = models.BooleanField(_("gratuit"), default=True, db_index=True)
    price = models.CharField(_("tarif"), max_length=200, blank=True, help_text=_("Par exemple « 10 €, 5 € réduit »."))
    registration_url = WebsiteField(_("lien d’inscription"), max_length=300, blank=True)
    accessibility = models.TextField(
        _("accessibilité"),
        blank=True,
        help_text=_("Accès en fauteuil roulant, boucle magnétique, interprétation en LSF…"),
    )
    # What
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("texte alternatif de l’image"),
        max_length=250,
        blank=True,
        help_text=_("Ce que l’image montre. Obligatoire avec une image."),
    )
    categories = ParentalManyToManyField(EventCategory, verbose_name=_("catégories"), blank=True, related_name="+")
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("mots-clés"))
    series = models.ForeignKey(
        "agenda.EventSeriesPage",
        verbose_name=_("temps fort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_example = models.BooleanField(
        _("exemple"), default=False, help_text=_("Événement fictif de démonstration, affiché comme tel.")
    )

    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types = []
    override_translatable_fields = [
        SynchronizedField("organiser", overridable=False),
        SynchronizedField("postcode", overridable=False),
        SynchronizedField("commune", overridable=False),
        SynchronizedField("street_address", overridable=False),
        SynchronizedField("organiser_name", overridable=False),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("commune"),
        index.AutocompleteField("commune"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("departement"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
            ],
            heading=_("Date et heure"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("recurrence"),
                FieldRowPanel(
                    [FieldPanel("recurrence_interval"), FieldPanel("recurrence_until"), FieldPanel("recurrence_count")]
                ),
                InlinePanel("cancelled_dates", heading=_("Séances annulées"), label=_("Séance annulée")),
            ],
            heading=_("Répétition"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                FieldPanel("departement"),
                FieldPanel("online_url"),
            ],
            heading=_("Lieu"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("organiser_name")],
            heading=_("Organisateur"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("price"), FieldPanel("registration_url"), FieldPanel("accessibility")],
            heading=_("Participation"),
        ),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("series"),
        FieldPanel("is_example"),
    ]

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        indexes = [
            models.Index(fields=["start"], name="agenda_event_start_idx"),
            # The lists read the repeating events apart from the others, in date order.
            models.Index(fields=["recurrence", "start"], name="agenda_event_recur_start_idx"),
        ]

    # --- Validation -----------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("La fin de l’événement doit être après son début.")
        in_person = self.attendance_mode in (AttendanceMode.IN_PERSON, AttendanceMode.MIXED)
        online = self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)
        if in_person and not (self.venue or self.commune or self.street_address):
            errors["venue"] = _("Indiquez le lieu de l’événement (lieu, adresse ou commune).")
        if online and not self.online_url:
            errors["online_url"] = _("Indiquez le lien pour participer en ligne.")
        if self.recurrence and not (self.recurrence_until or self.recurrence_count):
            errors["recurrence_until"] = _(
                "Un événement répété doit avoir une fin : une date « jusqu’au » ou un nombre de séances."
            )
        if self.recurrence and self.recurrence_until and self.start and self.recurrence_until < self.local_start.date():
            errors["recurrence_until"] = _("La date « jusqu’au » doit être après le début de l’événement.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Décrivez l’image pour les personnes qui ne la voient pas.")
        if self.postcode and self.departement and not Departement.postcode_matches(self.departement, self.postcode):
            errors["postcode"] = _("Ce code postal n’est pas dans le département choisi.")
        if errors:
            raise ValidationError(errors)

    # --- Derived values -------------------------------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end) if self.end else None

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_postponed(self):
        return self.status == EventStatus.POSTPONED

    @property
    def is_online(self):
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)

    @property
    def is_in_person(self):
        return self.attendance_mode in (AttendanceMode.IN_PERSON, AttendanceMode.MIXED)

    @property
    def address_lines(self):
        town = " ".join(part for part in (self.postcode, self.commune) if part)
        return [line for line in (self.venue, self.street_address, town) if line]

    @property
    def location_text(self):
        """One line for LOCATION and cards: venue, address, commune (or "En ligne")."""
        lines = self.address_lines
        if lines:
            return ", ".join(lines)
        return str(_("En ligne")) if self.is_online else ""

    @property
    def organiser_display(self):
        if self.organiser_id and self.organiser:
            return self.organiser.display_name
        return self.organiser_name

    @property
    def recurrence_text(self):
        """The repetition in words: "Le 2e mardi de chaque mois", "Un mardi sur deux"…"""
        if not self.recurrence:
            return ""
        local = self.local_start
        weekday = date_format(local, "l")
        interval = self.recurrence_interval or 1
        if self.recurrence == Recurrence.DAILY:
            return _("Chaque jour") if interval == 1 else _("Tous les %(n)s jours") % {"n": interval}
        if self.recurrence == Recurrence.WEEKLY:
            if interval == 1:
                return _("Chaque %(weekday)s") % {"weekday": weekday}
            return _("Un %(weekday)s toutes les %(n)s semaines") % {"weekday": weekday, "n": interval}
        if self.recurrence == Recurrence.MONTHLY_WEEKDAY:
            nth = (local.day - 1) // 7 + 1
            ordinal = _("dernier") if nth == 5 else ORDINALS[nth]
            if interval == 1:
                return _("Le %(ordinal)s %(weekday)s de chaque mois") % {"ordinal": ordinal, "weekday": weekday}
            return _("Le %(ordinal)s %(weekday)s, tous les %(n)s mois") % {
                "ordinal": ordinal,
                "weekday": weekday,
                "n": interval,
            }
        if interval == 1:
            return _("Le %(day)s de chaque mois") % {"day": local.day}
        return _("Le %(day)s, tous les %(n)s mois") % {"day": local.day, "n": interval}

    def occurrences(self, start=None, end=None):
        from .calendar import expand

        return expand(self, start, end)

    # --- Routes -----------------------------------------------------------------------

    @path("")
    def event_view(self, request):
        from .views import event_view

        return event_view(self, request)

    @path("ical/", name="ical")
    def ical_view(self, request):
        from .views import event_ical_view

        return event_ical_view(self, request)


class EventCancelledDate(Orderable):
    """One date of a recurring event that does not take place."""

    event = ParentalKey(EventPage, related_name="cancelled_dates", on_delete=models.CASCADE)
    date = models.DateField(_("date annulée"))
    reason = models.CharField(_("motif"), max_length=200, blank=True)

    panels = [FieldPanel("date"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("séance annulée")
        verbose_name_plural = _("séances annulées")

    def __str__(self):
        return str(self.date)


class EventOccurrence(models.Model):
    """One date of an event, kept in a table so that the lists page and count them in
    SQL: the event itself, or each session of a recurring event (``calendar.expand``).

    Rebuilt from the event's dates each time the event is saved (``store_occurrences``,
    on ``post_save``: publishing, creating, copying); a draft does not touch the live
    dates and is left out. Whether a session is cancelled is read from
    ``EventCancelledDate`` when a list is asked for, not kept here."""

    event = models.ForeignKey(EventPage, related_name="occurrence_rows", on_delete=models.CASCADE)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True)
    first_day = models.DateField()  # Paris date of the start
    last_day = models.DateField()  # Paris date of the end (of the start without an end)

    class Meta:
        verbose_name = _("date d’un événement")
        verbose_name_plural = _("dates des événements")
        indexes = [
            models.Index(fields=["last_day", "start"], name="agenda_occurrence_day_idx"),
            models.Index(fields=["event", "start"], name="agenda_occurrence_event_idx"),
        ]

    def __str__(self):
        return f"{self.event_id} {self.start:%Y-%m-%d %H:%M}"


# The fields of an event its dates are computed from: a save that names none of them
# (a draft, a move, an unpublication) leaves the stored dates as they are.
DATE_FIELDS = frozenset(
    {"start", "end", "all_day", "recurrence", "recurrence_interval", "recurrence_count", "recurrence_until"}
)


def store_occurrences(event, model=None):
    """Replace the stored dates of ``event`` by those ``calendar`` computes now."""
    from .calendar import session_times

    model = model or EventOccurrence
    model.objects.filter(event_id=event.pk).delete()
    model.objects.bulk_create(
        model(event_id=event.pk, start=start, end=end, first_day=start.date(), last_day=(end or start).date())
        for start, end in session_times(event)
    )
