"""The concours bourguignon de l'ESS (fiche 4.2): one page per edition, and the applications.

``ConcoursIndexPage`` (``/concours/``) lists the current edition and the archive;
``ConcoursEditionPage`` (``/concours/2026/``) shows the rules, the criteria, the
categories, the prizes, the key dates and, after the ceremony, the laureates. While
applications are open it serves the application form at ``deposer/`` and the receipt at
``recu/<reference>/``. A ``Candidature`` is an application; its documents are
``CandidatureDocument`` rows whose files live in the private storage.
"""

import uuid
from collections import namedtuple

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.choices import Departement
from home.i18n import active_locale
from home.models import BasePage
from home.queries import public

from .blocks import CriterionBlock, PrizeBlock
from .choices import Category, DocumentKind, LegalForm, Status
from .storage import get_private_storage

KeyDate = namedtuple("KeyDate", ["date", "label"])


class ConcoursIndexPage(BasePage):
    """ "Le concours" (``/concours/``): the current edition first, then the archive."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["concours.ConcoursEditionPage"]
    # One per home page, so that each language's home page can hold its translation.
    max_count_per_parent = 1
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("index du concours")
        verbose_name_plural = _("index du concours")

    def editions(self, request=None):
        """The published editions, newest first."""
        return public(ConcoursEditionPage.objects.live().child_of(self), request).order_by("-year")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        editions = list(self.editions(request))
        context["current_edition"] = editions[0] if editions else None
        context["past_editions"] = editions[1:]
        return context


class ConcoursEditionPage(RoutablePageMixin, BasePage):
    """One year of the concours: rules, criteria, categories, prizes, dates, laureates."""

    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(2009), MaxValueValidator(2100)], db_index=True
    )
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    criteria = StreamField(
        [("criterion", CriterionBlock())],
        verbose_name=_("critères de sélection"),
        blank=True,
        help_text=_("Les critères sur lesquels le jury examine les dossiers."),
    )
    prizes = StreamField([("prize", PrizeBlock())], verbose_name=_("prix"), blank=True)
    rules = RichTextField(_("règlement"), features=RICH_TEXT_FEATURES, blank=True)
    applications_open = models.DateField(
        _("ouverture des candidatures"), help_text=_("Premier jour où le formulaire est ouvert (heure de Paris).")
    )
    applications_close = models.DateField(
        _("clôture des candidatures"),
        help_text=_("Dernier jour où un dossier peut être déposé, jusqu’à minuit (heure de Paris)."),
    )
    jury_date = models.DateField(_("réunion du jury"), null=True, blank=True)
    ceremony_date = models.DateField(_("remise des prix"), null=True, blank=True)

    parent_page_types = ["concours.ConcoursIndexPage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("rules"),
        index.FilterField("year"),
    ]
    content_panels = [
        FieldPanel("year"),
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("applications_open"), FieldPanel("applications_close")]),
                FieldRowPanel([FieldPanel("jury_date"), FieldPanel("ceremony_date")]),
            ],
            heading=_("Dates clés"),
            help_text=_(
                "Elles s’affichent sur la page et dans l’agenda ; "
                "le formulaire n’est ouvert qu’entre les deux premières."
            ),
        ),
        FieldPanel("criteria"),
        InlinePanel("edition_categories", heading=_("Catégories"), label=_("Catégorie"), min_num=1),
        FieldPanel("prizes"),
        FieldPanel("rules"),
        InlinePanel(
            "laureates",
            heading=_("Lauréats"),
            label=_("Lauréat"),
            help_text=_("Affichés sur la page à partir du jour de la remise des prix."),
        ),
    ]

    class Meta:
        verbose_name = _("édition du concours")
        verbose_name_plural = _("éditions du concours")

    def clean(self):
        super().clean()
        errors = {}
        opens, closes = self.applications_open, self.applications_close
        if opens and closes and closes < opens:
            errors["applications_close"] = _("La clôture des candidatures doit suivre leur ouverture.")
        if self.jury_date and closes and self.jury_date < closes:
            errors["jury_date"] = _("Le jury se réunit après la clôture des candidatures.")
        if self.ceremony_date and self.jury_date and self.ceremony_date < self.jury_date:
            errors["ceremony_date"] = _("La remise des prix a lieu après la réunion du jury.")
        if self.year:
            siblings = ConcoursEditionPage.objects.filter(year=self.year, locale_id=self.locale_id)
            if self.pk:
                siblings = siblings.exclude(pk=self.pk)
            if siblings.exists():
                errors["year"] = _("Une édition %(year)s existe déjà.") % {"year": self.year}
        if errors:
            raise ValidationError(errors)

    # Dates -------------------------------------------------------------------------

    def key_dates(self):
        """The edition's key dates as ``KeyDate(date, label)`` tuples, in calendar order.

        The agenda shows them as Concours events; unset dates (jury, ceremony not yet
        fixed) are left out.
        """
        year = self.year
        dates = [
            (self.applications_open, gettext("Ouverture des candidatures au concours de l’ESS %(year)s")),
            (self.applications_close, gettext("Clôture des candidatures au concours de l’ESS %(year)s")),
            (self.jury_date, gettext("Réunion du jury du concours de l’ESS %(year)s")),
            (self.ceremony_date, gettext("Remise des prix du concours de l’ESS %(year)s")),
        ]
        return sorted((KeyDate(date, label % {"year": year}) for date, label in dates if date), key=lambda kd: kd.date)

    def applications_state(self, today=None):
        """ "upcoming", "open" or "closed", from today's date in Paris."""
        today = today or timezone.localdate()
        if today < self.applications_open:
            return "upcoming"
        if today > self.applications_close:
            return "closed"
        return "open"

    @property
    def applications_are_open(self):
        return self.applications_state() == "open"

    @property
    def laureates_are_announced(self):
        """Laureates are shown from the ceremony day (or at once if it has no date)."""
        return self.ceremony_date is None or timezone.localdate() >= self.ceremony_date

    @cached_property
    def categories(self):
        """The categories open in this edition: [(value, label, description)…]."""
        rows = list(self.edition_categories.all())
        if not rows:
            return [(value, label, "") for value, label in Category.choices]
        return [(row.category, row.get_category_display(), row.description) for row in rows]

    # Application form --------------------------------------------------------------

    @property
    def source_edition(self):
        """The edition in the default language: applications belong to it, whatever the
        language of the form."""
        default_locale = Locale.get_default()
        if self.locale_id == default_locale.pk:
            return self
        return self.get_translation_or_none(default_locale) or self

    @path("deposer/", name="apply")
    def apply(self, request):
        from .views import application_form

        return application_form(request, self)

    @path("recu/<str:reference>/", name="receipt")
    def receipt(self, request, reference):
        from .views import application_receipt

        return application_receipt(request, self, reference)

    @property
    def apply_url(self):
        return self.url + self.reverse_subpage("apply")

    def announced_laureates(self, request=None):
        """The laureates once announced, each with ``partner_url``: its page in the directory
        of the current language, or None (no partner, or a partner not live)."""
        if not self.laureates_are_announced:
            return []
        from partners.models import PartnerDirectoryPage

        laureates = list(self.laureates.select_related("partner"))
        linked = [laureate for laureate in laureates if laureate.partner_id and laureate.partner.live]
        directory = PartnerDirectoryPage.objects.live().filter(locale=active_locale()).first() if linked else None
        base = directory.get_url(request) if directory is not None else None
        for laureate in laureates:
            laureate.partner_url = (
                base + PartnerDirectoryPage.partner_path(laureate.partner.slug) if base and laureate in linked else None
            )
        return laureates

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["applications_state"] = self.applications_state()
        context["laureates"] = self.announced_laureates(request)
        context["concours_index"] = next(
            (page for page in self.get_route_ancestors() if page.specific_class is ConcoursIndexPage), None
        )
        return context


class EditionCategory(TranslatableMixin, Orderable):
    """A category open in an edition, with what it means that year (translatable)."""

    edition = ParentalKey(ConcoursEditionPage, related_name="edition_categories", on_delete=models.CASCADE)
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("category"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("catégorie de l’édition")
        verbose_name_plural = _("catégories de l’édition")
        constraints = [models.UniqueConstraint(fields=["edition", "category"], name="concours_unique_edition_category")]

    def __str__(self):
        return self.get_category_display()


class Laureate(TranslatableMixin, Orderable):
    """A structure rewarded in an edition (translatable: the prize and the presentation).

    ``partner`` links the structure to its entry in the partner directory when it has one;
    it is synchronised between languages (the directory shows a French entry until it is
    translated), and the page links to it only while the partner is live.
    """

    edition = ParentalKey(ConcoursEditionPage, related_name="laureates", on_delete=models.CASCADE)
    structure_name = models.CharField(_("structure"), max_length=200)
    project_title = models.CharField(_("projet"), max_length=200)
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    prize = models.CharField(_("prix"), max_length=200, help_text=_("Par exemple « Prix de la réalisation »."))
    departement = models.CharField(_("département"), max_length=2, choices=Departement.choices, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("fiche de l’annuaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="laureate_entries",
        help_text=_("La structure dans l’annuaire des partenaires, si elle y figure."),
    )

    override_translatable_fields = [SynchronizedField("partner", overridable=False)]

    panels = [
        FieldRowPanel([FieldPanel("structure_name"), FieldPanel("departement")]),
        FieldPanel("partner"),
        FieldPanel("project_title"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("prize")]),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("lauréat")
        verbose_name_plural = _("lauréats")

    def __str__(self):
        return f"{self.structure_name} – {self.project_title}"


class Candidature(models.Model):
    """An application to an edition, as the applicant filed it; staff only change its status."""

    edition = models.ForeignKey(
        ConcoursEditionPage, verbose_name=_("édition"), on_delete=models.PROTECT, related_name="candidatures"
    )
    sequence = models.PositiveIntegerField(_("numéro d’ordre"), editable=False)
    reference = models.CharField(_("référence"), max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.RECU)
    staff_note = models.TextField(
        _("note interne"), blank=True, help_text=_("Visible seulement dans l’administration (pièce manquante, suivi…).")
    )

    structure_name = models.CharField(_("nom de la structure"), max_length=200)
    legal_form = models.CharField(_("forme juridique"), max_length=20, choices=LegalForm.choices)
    siret = models.CharField(_("SIRET"), max_length=14)
    address = models.CharField(_("adresse"), max_length=250)
    postcode = models.CharField(_("code postal"), max_length=5)
    commune = models.CharField(_("commune"), max_length=120)
    departement = models.CharField(_("département"), max_length=2, choices=Departement.choices)

    contact_first_name = models.CharField(_("prénom du contact"), max_length=100)
    contact_last_name = models.CharField(_("nom du contact"), max_length=100)
    email = models.EmailField(_("courriel"))
    phone = models.CharField(_("téléphone"), max_length=30)

    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    project_title = models.CharField(_("titre du projet"), max_length=200)
    project_title_key = models.CharField(max_length=200, editable=False)
    summary = models.TextField(_("résumé du projet"))
    objective = models.TextField(_("objectif visé"))
    total_budget = models.DecimalField(
        _("budget total (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    amount_requested = models.DecimalField(
        _("montant demandé (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    own_funds = models.DecimalField(
        _("fonds propres (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    consent = models.BooleanField(_("consentement au traitement des données"), default=False)

    email_sent = models.BooleanField(_("courriels envoyés"), default=False)
    email_error = models.TextField(_("erreur d’envoi des courriels"), blank=True)

    class Meta:
        verbose_name = _("candidature au concours")
        verbose_name_plural = _("candidatures au concours")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "sequence"], name="concours_unique_sequence_per_edition"),
            models.UniqueConstraint(
                fields=["edition", "siret", "project_title_key"], name="concours_unique_project_per_siret"
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.structure_name}"

    @staticmethod
    def format_reference(year, sequence):
        return f"C{year}-{sequence:06d}"

    def contact_name(self):
        return f"{self.contact_first_name} {self.contact_last_name}"

    contact_name.short_description = _("contact")

    def document_count(self):
        return len(self.documents.all())

    document_count.short_description = _("documents")

    def admin_url(self):
        return reverse("candidatures:inspect", args=[self.pk])


def document_upload_to(instance, filename):
    """``concours/2026/C2026-000001/<random>.pdf``: never the applicant's own file name."""
    candidature = instance.candidature
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"concours/{candidature.edition.year}/{candidature.reference}/{uuid.uuid4().hex}.{extension}"


class CandidatureDocument(models.Model):
    candidature = models.ForeignKey(
        Candidature, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("pièce"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("fichier"), storage=get_private_storage, upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("nom du fichier envoyé"), max_length=255)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    content_type = models.CharField(_("type de contenu"), max_length=100)

    class Meta:
        verbose_name = _("pièce d’une candidature")
        verbose_name_plural = _("pièces des candidatures")
        ordering = ["candidature", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.original_name}"

    def get_download_url(self):
        return reverse("concours_document", args=[self.pk])
